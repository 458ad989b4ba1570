//go:build !amd64 || purego

package sep

func masks(data []byte, commas, newlines []uint64) { masksGo(data, commas, newlines) }

// Fast reports whether Masks runs in assembly.
const Fast = false
