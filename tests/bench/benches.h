#pragma once

// Benchmarks defined outside bench.cpp; each prints its figures in bench.cpp's format
// ("name value unit  (target t: met|NOT met)").

// SigV4 header signatures per second on one core (tests/bench/sigv4bench.cpp).
void benchSigV4();
