package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	_ "time/tzdata" // the zones of -zone and of 311 exports, wherever the command runs
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK      = 0 // the command succeeded
	exitProblem = 1 // the command ran and found a problem
	exitUsage   = 2 // the command line was wrong
)

// command is one subcommand.
type command struct {
	name     string
	args     string // the synopsis of its arguments, after its flags
	summary  string // one line, for the list of commands
	help     string // what it does, and examples
	flags    func(fs *flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
	minArgs  int
	maxArgs  int // -1: no limit
	argsHelp string
}

// commands are the subcommands, in the order help lists them.
var commands = []*command{initCommand, validateCommand, diffCommand, schemaCommand, scoreCommand, compareCommand, sensitivityCommand, auditCommand}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitUsage
	}
	switch name := args[0]; name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			c := find(args[1])
			if c == nil {
				fmt.Fprintf(stderr, "govscore help: unknown command %q\n\n%s", args[1], overview())
				return exitUsage
			}
			fmt.Fprint(stdout, c.usage(nil))
			return exitOK
		}
		fmt.Fprint(stdout, overview())
		return exitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "govscore: unknown command %q\n\n%s", args[0], overview())
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func find(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// overview is the list of commands.
func overview() string {
	var b strings.Builder
	b.WriteString("govscore scores how well government agencies answer the public, and\nwrites and checks the standards it scores them by.\n\nUsage:\n\n\tgovscore COMMAND [flags] [arguments]\n\nCommands:\n\n")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(&b, "\t%-*s  %s\n", width, c.name, c.summary)
	}
	b.WriteString("\nRun 'govscore help COMMAND' or 'govscore COMMAND -h' for a command's flags and\nexamples. Exit codes: 0 success, 1 a problem found, 2 a usage error.\n")
	return b.String()
}

// run parses the command's flags and runs it.
func (c *command) run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("govscore "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // help is printed below, to standard output
	body := c.flags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, c.usage(fs))
			return exitOK
		}
		fmt.Fprintf(stderr, "Run 'govscore %s -h' for help.\n", c.name)
		return exitUsage
	}
	if n := fs.NArg(); n < c.minArgs || c.maxArgs >= 0 && n > c.maxArgs {
		fmt.Fprintf(stderr, "govscore %s: want %s\nusage: %s\nRun 'govscore %s -h' for help.\n",
			c.name, c.argsHelp, strings.TrimSpace("govscore "+c.name+" [flags] "+c.args), c.name)
		return exitUsage
	}
	return body(fs.Args(), stdout, stderr)
}

// usage is the command's help: synopsis, flags, and what it does.
func (c *command) usage(fs *flag.FlagSet) string {
	if fs == nil {
		fs = flag.NewFlagSet("govscore "+c.name, flag.ContinueOnError)
		c.flags(fs)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n\n%s\n", strings.TrimSpace("govscore "+c.name+" [flags] "+c.args), strings.TrimSpace(c.help))
	var flags strings.Builder
	fs.SetOutput(&flags)
	fs.PrintDefaults()
	if flags.Len() > 0 {
		fmt.Fprintf(&b, "\nFlags:\n%s", flags.String())
	}
	return b.String()
}

// writeOutput calls write with where a command writes: the file path when
// set (created or truncated, and closed after), else stdout. An error
// closing the file is write's error when write had none.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
