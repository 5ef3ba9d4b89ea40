package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// DefaultDepartments are the departments of a new workspace.
var DefaultDepartments = []string{"质管部", "采购部", "仓储部", "销售部", "财务部", "行政部"}

// DefaultCategories follow seed §2.
var DefaultCategories = []record.Term{
	{Code: "regulation", Label: "法规政策", English: "Regulations & policy", Aliases: []string{"法规", "政策法规", "2.1"}},
	{Code: "standard", Label: "标准/技术文件/淘汰品种", English: "Standards / technical documents / withdrawn products", Aliases: []string{"标准", "技术文件", "淘汰品种", "2.2"}},
	{Code: "bulletin", Label: "监管通报", English: "Regulatory bulletin", Aliases: []string{"质量通报", "2.3"}},
	{Code: "supplier", Label: "供应商质量", English: "Supplier quality", Aliases: []string{"供应商", "2.4"}},
	{Code: "product", Label: "经营品种", English: "Products handled", Aliases: []string{"品种", "2.5"}},
	{Code: "operations", Label: "验收储存出库", English: "Receiving / storage / dispatch", Aliases: []string{"验收", "储存养护", "出库复核", "监督检查", "2.6"}},
	{Code: "customer", Label: "用户投诉", English: "Customer complaint", Aliases: []string{"用户访问", "质量查询", "投诉", "2.7"}},
}

// DefaultChannels follow seed §3.
var DefaultChannels = []record.Term{
	{Code: "policy", Label: "政策", English: "Policy"},
	{Code: "internal", Label: "内部", English: "Internal"},
	{Code: "external", Label: "外部", English: "External"},
}

// DefaultClasses follow seed §6.
var DefaultClasses = []record.Term{
	{Code: "A", Label: "A类", English: "Class A"},
	{Code: "B", Label: "B类", English: "Class B"},
	{Code: "C", Label: "C类", English: "Class C"},
}

// DefaultStatuses are the states of an entry's flow.
var DefaultStatuses = []record.Term{
	{Code: "open", Label: "待处理", English: "Open"},
	{Code: "processing", Label: "处理中", English: "Processing"},
	{Code: "awaiting", Label: "待反馈", English: "Awaiting feedback"},
	{Code: "closed", Label: "已关闭", English: "Closed", Aliases: []string{"已处理"}},
}

func (c *Config) applyDefaults() {
	def := func(p *string, v string) {
		if strings.TrimSpace(*p) == "" {
			*p = v
		}
	}
	def(&c.Company, "本公司")
	def(&c.Operator, "质量管理员")
	def(&c.Timezone, "Asia/Shanghai")
	def(&c.Prefix, "LDMD")
	def(&c.SerialPattern, "{prefix}-FM-30-{yyyy}-{seq:4}")
	def(&c.Language, LangChinese)
	def(&c.Paths.Inbox, "inbox")
	def(&c.Paths.Out, "out")
	def(&c.Paths.Store, "data/qdoc.db")
	def(&c.Paths.Archive, "archive")
	def(&c.Paths.Templates, "templates")
	if len(c.Departments) == 0 {
		c.Departments = DefaultDepartments
	}
	if c.Deadlines == nil {
		c.Deadlines = map[string]int{"A": 1, "B": 3, "C": 7}
	}
	if c.Limits.XLSXMB <= 0 {
		c.Limits.XLSXMB = 64
	}
	if c.Limits.TextMB <= 0 {
		c.Limits.TextMB = 16
	}
	if len(c.Vocabulary.Category) == 0 {
		c.Vocabulary.Category = DefaultCategories
	}
	if len(c.Vocabulary.Channel) == 0 {
		c.Vocabulary.Channel = DefaultChannels
	}
	if len(c.Vocabulary.Class) == 0 {
		c.Vocabulary.Class = DefaultClasses
	}
	if len(c.Vocabulary.Status) == 0 {
		c.Vocabulary.Status = DefaultStatuses
	}
	c.applyDocDefaults()
}

func (c *Config) compile() error {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fmt.Errorf("timezone %q is not known: use a name such as Asia/Shanghai", c.Timezone)
	}
	c.Loc = loc
	if _, err := ParsePattern(c.SerialPattern); err != nil {
		return fmt.Errorf("serial_pattern: %w", err)
	}
	vocab := func(name string, terms []record.Term) (*record.Vocab, error) {
		v, dup := record.NewVocab(terms)
		if dup != "" {
			return nil, fmt.Errorf("vocabulary.%s: %q names two different values", name, dup)
		}
		return v, nil
	}
	var errs []string
	var e error
	if e = c.checkLanguage(); e != nil {
		errs = append(errs, e.Error())
	}
	if c.Vocabs.Category, e = vocab("category", c.Vocabulary.Category); e != nil {
		errs = append(errs, e.Error())
	}
	if c.Vocabs.Channel, e = vocab("channel", c.Vocabulary.Channel); e != nil {
		errs = append(errs, e.Error())
	}
	if c.Vocabs.Class, e = vocab("class", c.Vocabulary.Class); e != nil {
		errs = append(errs, e.Error())
	}
	if c.Vocabs.Status, e = vocab("status", c.Vocabulary.Status); e != nil {
		errs = append(errs, e.Error())
	}
	for _, cl := range c.Vocabs.Class.Codes() {
		if d, ok := c.Deadlines[cl]; !ok || d < 0 {
			errs = append(errs, fmt.Sprintf("deadlines: class %s needs a deadline in days (0 or more)", cl))
		}
	}
	seen := map[string]bool{}
	for _, d := range c.Departments {
		if strings.TrimSpace(d) == "" || seen[record.Fold(d)] {
			errs = append(errs, fmt.Sprintf("departments: %q is empty or listed twice", d))
		}
		seen[record.Fold(d)] = true
	}
	for alias, name := range c.DeptAliases {
		if !seen[record.Fold(name)] {
			errs = append(errs, fmt.Sprintf("department_aliases: %q maps to %q, which is not in departments", alias, name))
		}
	}
	errs = append(errs, c.checkDocs()...)
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	c.Depts = record.NewDepartments(c.Departments, c.DeptAliases)
	return nil
}
