package filter

// Compiles exposes compiles to the external tests.
var Compiles = compiles
