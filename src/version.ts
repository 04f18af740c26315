/** The SDK's version, sent in consent receipts; a unit test keeps it equal to package.json's. */
export const SDK_VERSION = '0.1.0';
