// Bluetooth Heart Rate Measurement (GATT characteristic 0x2A37), parsed from its bytes.
// The twin of feelmap/heartbeat/ble.py: flags in byte 0 (bit 0 uint16 rate, bits 1-2 sensor
// contact, bit 3 energy expended, bit 4 RR intervals); RR intervals in 1/1024 s, oldest first.

export function parseMeasurement(bytes) {
  const data = bytes instanceof DataView ? bytes : new DataView(Uint8Array.from(bytes).buffer);
  if (data.byteLength < 2) throw new Error("A heart rate measurement has at least 2 bytes.");
  const flags = data.getUint8(0);
  let at;
  let bpm;
  if (flags & 0x01) {
    if (data.byteLength < 3) throw new Error("The 16-bit heart rate is cut short.");
    bpm = data.getUint16(1, true);
    at = 3;
  } else {
    bpm = data.getUint8(1);
    at = 2;
  }
  const contact = flags & 0x04 ? Boolean(flags & 0x02) : null;
  let energyKj = null;
  if (flags & 0x08) {
    if (data.byteLength < at + 2) throw new Error("The energy field is cut short.");
    energyKj = data.getUint16(at, true);
    at += 2;
  }
  const rrMs = [];
  if (flags & 0x10) {
    if ((data.byteLength - at) % 2) throw new Error("An RR interval is cut short.");
    for (let i = at; i < data.byteLength; i += 2) rrMs.push((data.getUint16(i, true) * 1000) / 1024);
  }
  return { bpm, contact, energyKj, rrMs };
}
