"""The Bluetooth Heart Rate Measurement characteristic (GATT 0x2A37), parsed from its bytes.

A twin of ``static/heartbeat/hrm.js`` (the browser reads the strap; this one is for tests,
recorded notifications and tools). Byte 0 holds flags: bit 0 the rate format (uint8 or
uint16 little-endian), bits 1-2 sensor contact, bit 3 energy expended present (uint16),
bit 4 RR intervals present. Each RR interval is a uint16 in 1/1024 s, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass

RR_UNIT = 1024.0


class MeasurementError(ValueError):
    """The bytes are not a whole Heart Rate Measurement."""


@dataclass(frozen=True)
class HeartRateMeasurement:
    bpm: int
    contact: bool | None  # None: the strap does not report contact
    energy_kj: int | None
    rr_ms: tuple[float, ...]


def parse_measurement(data: bytes | bytearray | list[int]) -> HeartRateMeasurement:
    raw = bytes(data)
    if len(raw) < 2:
        raise MeasurementError("A heart rate measurement has at least 2 bytes.")
    flags = raw[0]
    at = 1
    if flags & 0x01:
        if len(raw) < 3:
            raise MeasurementError("The 16-bit heart rate is cut short.")
        bpm = raw[1] | (raw[2] << 8)
        at = 3
    else:
        bpm = raw[1]
        at = 2
    contact: bool | None = bool(flags & 0x02) if flags & 0x04 else None
    energy: int | None = None
    if flags & 0x08:
        if len(raw) < at + 2:
            raise MeasurementError("The energy field is cut short.")
        energy = raw[at] | (raw[at + 1] << 8)
        at += 2
    rr: list[float] = []
    if flags & 0x10:
        if (len(raw) - at) % 2:
            raise MeasurementError("An RR interval is cut short.")
        for i in range(at, len(raw), 2):
            rr.append((raw[i] | (raw[i + 1] << 8)) * 1000.0 / RR_UNIT)
    return HeartRateMeasurement(bpm=bpm, contact=contact, energy_kj=energy, rr_ms=tuple(rr))
