"""Event buses behind one small interface: `memory` (in-process), `kafka`, `dapr`."""
