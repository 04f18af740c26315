import { describeOverhead, interceptionOverhead } from './bench/interception.mjs';
const overhead = await interceptionOverhead();
for (const [key, figures] of Object.entries(overhead)) console.log(describeOverhead(key, figures));
