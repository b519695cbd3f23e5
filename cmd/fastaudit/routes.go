package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/rules"
)

func newRoutesCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "routes [PATH...]",
		Short: "Print the application graph: method, full path, handler, file:line, dependencies",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			cfg, err := loadConfig("", args[0])
			if err != nil {
				return err
			}
			res, err := analyzer.Run(context.Background(), analyzer.Options{Paths: args, Config: cfg, Collectors: rules.Collectors()})
			if err != nil {
				return err
			}
			return writeRoutes(stdout, res.Project)
		},
	}
}

// writeRoutes prints one line per route. Dependencies are the whole closure:
// app, include, router and route level, then parameters, transitively.
func writeRoutes(w io.Writer, p *analyzer.Project) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tPATH\tHANDLER\tLOCATION\tDEPENDENCIES")
	for _, r := range p.Routes() {
		direct := append([]analyzer.DepFact{}, r.Deps...)
		if r.Function != nil {
			direct = append(direct, r.Function.Deps...)
		}
		var deps []string
		for _, d := range p.DependencyClosure(direct) {
			deps = append(deps, analyzer.LastPart(d.Target))
		}
		path := r.Path
		if r.App == "" {
			path += " (not mounted)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s:%d\t%s\n", r.Method, path, analyzer.LastPart(r.Handler.Func),
			p.ShownPath(r.Handler.Loc.Path), r.Handler.Loc.Line, strings.Join(deps, ", "))
	}
	return tw.Flush()
}
