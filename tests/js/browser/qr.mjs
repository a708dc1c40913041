// Reads QR codes back from images in Node, with ZXing-C++ (npm `zxing-wasm`, from .tools/):
// an implementation independent of the page's encoder (npm `qr`). Its .wasm is read from
// .tools/ (by default the library would fetch it from a CDN).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support.mjs';

const require = createRequire(join(root, '.tools/package.json'));
const { readBarcodes, prepareZXingModule } = require('zxing-wasm/reader');

prepareZXingModule({
  overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) },
  fireImmediately: true,
});

/** The texts of the valid QR codes in an image file (PNG, GIF, JPEG bytes). */
export async function decodeQr(image) {
  const found = await readBarcodes(new Uint8Array(image), { formats: ['QRCode'] });
  return found.filter((b) => b.isValid).map((b) => b.text);
}
