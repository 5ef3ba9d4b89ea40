package config

import (
	"fmt"
	"os"
)

// FontBytes reads the TrueType font config.yaml names under `font`, or
// returns nil when none is set (the forms then use the embedded font).
// Forms, reports and the change report all print with it.
func (c *Config) FontBytes() ([]byte, error) {
	if c.Font == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.Path(c.Font))
	if err != nil {
		return nil, fmt.Errorf("font %s (config 'font'): %w", c.Font, err)
	}
	return b, nil
}
