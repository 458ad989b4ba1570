package xapi

// SetWindowBytes sets how many bytes of lines are decoded together, and
// returns a function that puts the default back.
func SetWindowBytes(n int) func() {
	old := windowBytes
	windowBytes = n
	return func() { windowBytes = old }
}
