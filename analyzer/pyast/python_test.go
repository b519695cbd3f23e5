package pyast

import "testing"

func TestStringValue(t *testing.T) {
	p := NewParser()
	defer p.Close()
	for src, want := range map[string]string{
		`x = "a\nb"`:          "a\nb",
		`x = r"a\nb"`:         `a\nb`,
		`x = "tab\there" 'q'`: "tab\there" + "q",
		`x = "\x41\u00e9"`:    "Aé",
		`x = 'plain'`:         "plain",
		`x = """multi
line"""`: "multi\nline",
	} {
		tree, err := p.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		right := tree.Root.NamedChild(0).NamedChild(0).ChildByField("right")
		got, ok := StringValue(right)
		if !ok || got != want {
			t.Errorf("%s: got %q (%v), want %q", src, got, ok, want)
		}
	}
	tree, _ := p.Parse([]byte(`x = f"a{b}"`))
	if _, ok := StringValue(tree.Root.NamedChild(0).NamedChild(0).ChildByField("right")); ok {
		t.Errorf("f-string with interpolation has no constant value")
	}
}

func TestArgOfGeneratorCall(t *testing.T) {
	p := NewParser()
	defer p.Close()
	tree, _ := p.Parse([]byte(`"".join(x for x in y)`))
	call := tree.Root.NamedChild(0).NamedChild(0)
	if a := Arg(call, 0); !a.Is("generator_expression") {
		t.Errorf("Arg(0) = %s, want the generator", a.Type())
	}
	if pos, _ := Args(call); len(pos) != 1 || !pos[0].Is("generator_expression") {
		t.Errorf("Args = %v", pos)
	}
}
