// RFC 6238 codes computed from the key shown on the page, shared by the Playwright journeys and
// the WebKit ones (which run without Playwright).
const crypto = require('node:crypto');

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=-]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of `key` at `unixSeconds`. */
function totp(key, unixSeconds = Date.now() / 1000) {
  const counterBytes = Buffer.alloc(8);
  counterBytes.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const hash = crypto.createHmac('sha1', base32Decode(key)).update(counterBytes).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const value = (hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/**
 * A code for a time step the server has not seen yet: each call moves one step further
 * (the server accepts ±1 step and refuses a step twice).
 */
function freshTotp(key, stepsAhead) {
  return totp(key, Date.now() / 1000 + 30 * stepsAhead);
}

module.exports = { totp, freshTotp };
