import { basename } from 'node:path';

export const handler = async (event) => ({ module: 'esm', file: basename(new URL(import.meta.url).pathname), item: event.item });
