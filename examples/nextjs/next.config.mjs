// @ts-check
import { fileURLToPath } from 'node:url';

// This folder is the project: without these, Next.js sees the repository's package-lock.json
// above it, takes the repository for a monorepo root and warns.
const here = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: { root: here },
  outputFileTracingRoot: here,
};

export default nextConfig;
