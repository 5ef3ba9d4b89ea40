package form

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/qdoc/qdoc/internal/record"
)

// A generator of realistic FM-30 entries for benchmarks and batch tests:
// the department's vocabulary of findings and measures, with names of
// products, companies and people drawn from the 3,755 common characters
// of GB 2312 level 1, so a large batch prints well over 2,000 distinct
// characters, as a year of real entries does.

var (
	depts    = []string{"采购部", "仓储部", "销售部", "财务部", "行政部", "质管部"}
	acts     = []string{"日常巡查", "入库验收", "在库养护检查", "出库复核", "客户回访", "供应商审计", "监督抽查", "冷链运输交接"}
	kinds    = []string{"一次性使用无菌注射器", "医用外科口罩", "导尿管", "医用敷料", "体外诊断试剂盒", "可吸收缝合线", "输液器", "多参数监护仪", "医用检查手套", "血糖试纸"}
	findings = []string{"外包装破损，内包装完好", "标签信息与注册证不符", "批号与随货同行单不一致", "有效期不足六个月",
		"冷链运输温度记录缺失", "说明书版本过期", "灭菌有效期标识模糊", "到货数量与采购订单不符", "合格证明文件不全"}
	handling = []string{"已隔离并挂黄色标识", "已暂停销售并通知供应商", "已登记不合格品台帐", "已拍照留存并报质管部",
		"已要求供应商提供情况说明", "已逐一电话通知客户", "已安排退货并索取退货凭证"}
	feedbacks = []string{"已整改完毕，经复查符合要求", "供应商已补发合格证明文件，准予入库", "相关批次已全部召回，未发现不良事件",
		"已修订验收作业指导书并组织培训", "客户表示满意，信息关闭"}
	classes  = []string{"A", "B", "C"}
	channels = []string{"policy", "internal", "external"}
	statuses = []string{"open", "awaiting", "closed"}
)

type entryGen struct {
	rng    *rand.Rand
	common []rune
}

func newEntryGen(seed uint64) *entryGen {
	return &entryGen{rng: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)), common: gb2312Level1()}
}

// gb2312Level1 lists the level-1 characters of GB 2312 (rows 16–55).
func gb2312Level1() []rune {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if r := []rune(s); err == nil && len(r) == 1 && r[0] >= 0x4E00 {
				out = append(out, r[0])
			}
		}
	}
	return out
}

func (g *entryGen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

// word is a name of n to m random common characters.
func (g *entryGen) word(n, m int) string {
	var b strings.Builder
	for range n + g.rng.IntN(m-n+1) {
		b.WriteRune(g.common[g.rng.IntN(len(g.common))])
	}
	return b.String()
}

func (g *entryGen) sentence() string {
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s在%s中发现%s%s（批号%d%02d%02d-%s），%s。", g.pick(depts), g.pick(acts), g.word(2, 4),
			g.pick(kinds), 2025+g.rng.IntN(2), 1+g.rng.IntN(12), 1+g.rng.IntN(28), g.word(1, 1), g.pick(handling))
	case 1:
		return fmt.Sprintf("供应商%s医疗器械有限公司（联系人%s，电话0531-%08d）回复：%s。", g.word(2, 4), g.word(2, 3), g.rng.IntN(1e8), g.pick(feedbacks))
	case 2:
		return fmt.Sprintf("根据《%s管理规定》第%d条要求，该信息定为%s类，由%s负责跟踪闭环，涉及客户%d家。", g.word(4, 6),
			1+g.rng.IntN(40), g.pick(classes), g.pick(depts), 1+g.rng.IntN(9))
	}
	return fmt.Sprintf("%s市%s区客户%s反映%s，现场核实后%s。", g.word(2, 2), g.word(2, 2), g.word(2, 3), g.pick(findings), g.pick(handling))
}

func (g *entryGen) paragraph(min, max int) string {
	var b strings.Builder
	for range min + g.rng.IntN(max-min+1) {
		b.WriteString(g.sentence())
	}
	return b.String()
}

// entry makes entry number seq of 2026.
func (g *entryGen) entry(seq int) *record.Entry {
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, seq%360)
	n := 1 + g.rng.IntN(3)
	e := &record.Entry{
		Serial: fmt.Sprintf("LDMD-FM-30-2026-%04d", seq), Year: 2026, Seq: seq,
		Received: day, Registered: day, Channel: g.pick(channels), Category: "product",
		Class: g.pick(classes), Status: g.pick(statuses), Reporter: g.pick(depts),
		Title:    g.word(2, 3) + g.pick(kinds) + g.pick(findings),
		Content:  g.paragraph(2, 6),
		Measures: g.paragraph(1, 2), Feedback: g.pick(feedbacks) + "。",
		Remarks: g.word(0, 8),
	}
	for i := range n {
		e.Departments = append(e.Departments, depts[(seq+i)%len(depts)])
	}
	if e.Status == "closed" {
		e.Closed = day.AddDate(0, 0, 1+g.rng.IntN(6))
	}
	return e
}

// realisticForms returns n FM-30 data sets.
func realisticForms(n int) []Data {
	g := newEntryGen(42)
	out := make([]Data, n)
	for i := range out {
		out[i] = FM30Data(g.entry(i+1), "山东某某医疗器械有限公司", testLabels{})
		out[i].FormCode = "LDMD-FM-30"
	}
	return out
}

// distinctRunes counts the distinct characters of all fields of ds.
func distinctRunes(ds []Data) (total int, perForm float64) {
	all := map[rune]bool{}
	sum := 0
	for _, d := range ds {
		one := map[rune]bool{}
		for _, v := range d.Fields {
			for _, r := range v {
				all[r], one[r] = true, true
			}
		}
		sum += len(one)
	}
	return len(all), float64(sum) / float64(len(ds))
}
