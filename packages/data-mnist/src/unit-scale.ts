/** The factor that maps a pixel byte to [0, 1]: x × (1/255), rounded once to float32. */
export const PIXEL_SCALE = 1 / 255;

let littleEndian: boolean | undefined;

/**
 * Writes `src[i] × (1/255)` to `dst[at + i]` (float32, bit-identical wherever it is done: the
 * streaming loader and `InMemoryDataset.fromImages` share this loop). Reads the bytes four at a
 * time through a Uint32Array view where the chunk is aligned — about twice as fast as a loop over
 * bytes on 47 M pixels, which matters because this runs on the main thread while zlib inflates.
 */
export function scaleToUnit(src: Uint8Array, dst: Float32Array, at: number): void {
  const n = src.length;
  littleEndian ??= new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
  let i = 0;
  if (littleEndian) {
    while (i < n && (src.byteOffset + i) % 4 !== 0) {
      dst[at + i] = src[i]! * PIXEL_SCALE;
      i++;
    }
    const words = (n - i) >>> 2;
    const w = new Uint32Array(src.buffer, src.byteOffset + i, words);
    let o = at + i;
    for (let j = 0; j < words; j++) {
      const x = w[j]!;
      dst[o] = (x & 255) * PIXEL_SCALE;
      dst[o + 1] = ((x >>> 8) & 255) * PIXEL_SCALE;
      dst[o + 2] = ((x >>> 16) & 255) * PIXEL_SCALE;
      dst[o + 3] = (x >>> 24) * PIXEL_SCALE;
      o += 4;
    }
    i += words * 4;
  }
  for (; i < n; i++) dst[at + i] = src[i]! * PIXEL_SCALE;
}
