/** The CRC-32 table of the reflected polynomial 0xEDB88320 (ISO 3309, as in zlib, PNG and gzip). */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `bytes` (ISO 3309 / ITU-T V.42, the checksum of zlib, PNG and gzip), as an unsigned
 * 32-bit integer. Written out rather than taken from `node:zlib`, whose `crc32` needs Node 20.15.
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
