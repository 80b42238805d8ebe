"""Heartbeat perception: counting, "guess, then see" and discrimination training, with beat
detection for camera, strap and file sources (pure modules: beats, quality, ble, files,
scoring, analysis)."""
