package form

// Words are what a form prints from code rather than from its cells: the
// marks FM-30 adds to an entry's remarks, the separators of lists, and the
// mark of a title or label carried over to the next page. The Chinese words
// are the defaults; an English or bilingual layout gives its own under
// words: in its YAML.
type Words struct {
	Void       string `yaml:"void"`        // a void entry: 作废
	VoidReason string `yaml:"void_reason"` // before a void entry's reason: 作废：
	Late       string `yaml:"late"`        // a late (back-dated) entry: 补登
	Separator  string `yaml:"separator"`   // between remarks: ；
	List       string `yaml:"list"`        // between departments: 、
	Continued  string `yaml:"continued"`   // after a carried-over title or label: （续）
	All        string `yaml:"all"`         // before the list of every department an A-class form goes to: 全体部门（A类）：
}

// ChineseWords are the default words.
var ChineseWords = Words{
	Void: "作废", VoidReason: "作废：", Late: "补登",
	Separator: "；", List: "、", Continued: "（续）", All: "全体部门（A类）：",
}

// withDefaults fills every word left empty with its Chinese default.
func (w Words) withDefaults() Words {
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	d := ChineseWords
	def(&w.Void, d.Void)
	def(&w.VoidReason, d.VoidReason)
	def(&w.Late, d.Late)
	def(&w.Separator, d.Separator)
	def(&w.List, d.List)
	def(&w.Continued, d.Continued)
	def(&w.All, d.All)
	return w
}

// continued is the mark of a carried-over title or label; a layout built
// in code rather than parsed may leave its words empty.
func (l *Layout) continued() string {
	return or(l.Words.Continued, ChineseWords.Continued)
}
