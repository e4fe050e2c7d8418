"""services of the leadership programmes, one module per step of the cycle."""
