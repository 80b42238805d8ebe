"""The Heart Rate Measurement parser, with byte vectors worked out by hand from the spec."""

import pytest

from feelmap.heartbeat.ble import MeasurementError, parse_measurement


def test_uint8_rate_without_rr():
    m = parse_measurement([0x00, 72])
    assert (m.bpm, m.contact, m.energy_kj, m.rr_ms) == (72, None, None, ())


def test_uint16_rate_little_endian():
    assert parse_measurement([0x01, 0x2C, 0x01]).bpm == 300  # 0x012C


def test_contact_bits():
    assert parse_measurement([0x06, 60]).contact is True  # supported and detected
    assert parse_measurement([0x04, 60]).contact is False  # supported, not detected
    assert parse_measurement([0x02, 60]).contact is None  # not supported


def test_rr_intervals_in_1024ths_of_a_second():
    # [55, 4] is 0x0437 = 1079 / 1024 s = 1053.7 ms; [0, 4] is 1024 = 1000 ms.
    m = parse_measurement([0x10, 57, 55, 4, 0, 4])
    assert m.bpm == 57
    assert m.rr_ms == pytest.approx((1079 * 1000 / 1024, 1000.0))


def test_energy_then_rr_with_16_bit_rate():
    m = parse_measurement(bytes([0x19, 80, 0, 0x10, 0x27, 0x00, 0x03]))
    assert m.bpm == 80
    assert m.energy_kj == 10000  # 0x2710
    assert m.rr_ms == pytest.approx((768 * 1000 / 1024,))


@pytest.mark.parametrize("data", [[], [0x00], [0x01, 0x10], [0x08, 60, 1], [0x10, 60, 1]])
def test_cut_short_bytes_are_refused(data):
    with pytest.raises(MeasurementError):
        parse_measurement(data)
