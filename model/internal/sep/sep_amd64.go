//go:build !purego

package sep

// masks is Masks for whole blocks, in assembly (sep_amd64.s).
//
//go:noescape
func masks(data []byte, commas, newlines []uint64)

// Fast reports whether Masks runs in assembly.
const Fast = true
