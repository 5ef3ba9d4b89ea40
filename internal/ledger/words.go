package ledger

// Words are what the ledger writes from code rather than from the layout's
// column labels: the flags of an entry, the overdue column's yes and no, the
// lead-in of a void reason and the separators of lists. The Chinese words
// are the defaults; an English or bilingual layout gives its own under
// words: in its YAML.
type Words struct {
	Void       string `yaml:"void"`        // 作废
	Late       string `yaml:"late"`        // 补登 (registered late, back-dated)
	Reserved   string `yaml:"reserved"`    // 预留 (a number reserved for a blank form)
	Archived   string `yaml:"archived"`    // 已归档
	Yes        string `yaml:"yes"`         // 是 (overdue)
	No         string `yaml:"no"`          // 否
	VoidReason string `yaml:"void_reason"` // before a void reason in remarks: 作废原因：
	Separator  string `yaml:"separator"`   // between the void reason and remarks: ；
	List       string `yaml:"list"`        // between departments and between flags: 、
}

// ChineseWords are the default words.
var ChineseWords = Words{
	Void: "作废", Late: "补登", Reserved: "预留", Archived: "已归档",
	Yes: "是", No: "否", VoidReason: "作废原因：", Separator: "；", List: "、",
}

// withDefaults fills every word left empty with its Chinese default.
func (w Words) withDefaults() Words {
	d := ChineseWords
	for _, p := range []struct {
		w *string
		d string
	}{
		{&w.Void, d.Void}, {&w.Late, d.Late}, {&w.Reserved, d.Reserved},
		{&w.Archived, d.Archived}, {&w.Yes, d.Yes}, {&w.No, d.No},
		{&w.VoidReason, d.VoidReason}, {&w.Separator, d.Separator}, {&w.List, d.List},
	} {
		if *p.w == "" {
			*p.w = p.d
		}
	}
	return w
}
