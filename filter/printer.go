package filter

// TEMPORARY placeholders so the package compiles while the parser is written;
// the parser's author replaces this file with the real printer.

func (n *BinaryExpr) String() string  { return "" }
func (n *NotExpr) String() string     { return "" }
func (n *ParenExpr) String() string   { return "" }
func (n *Qualified) String() string   { return "" }
func (n *ProtoAbbrev) String() string { return "" }
func (n *Relation) String() string    { return "" }
func (n *Keyword) String() string     { return "" }
func (n *Number) String() string      { return "" }
func (n *Len) String() string         { return "" }
func (n *Load) String() string        { return "" }
func (n *BinaryArith) String() string { return "" }
func (n *NegArith) String() string    { return "" }
func (n *ParenArith) String() string  { return "" }
