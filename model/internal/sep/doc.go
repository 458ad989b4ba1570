// Package sep finds the commas and line feeds of CSV input 64 bytes at a
// time, as bit masks: the tokenizer of the model package walks their set
// bits in place of searching for each separator in turn. On amd64 the
// masks are made with SSE2 instructions, which every amd64 processor has;
// elsewhere, and under the purego build tag, with portable Go that gives
// the same masks.
package sep
