package form

import (
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// sampleEntry is the mockup's entry (design/FM-30-mockup.png).
func sampleEntry() *record.Entry {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	return &record.Entry{
		Serial: "LDMD-FM-30-2026-0001", Year: 2026, Seq: 1,
		Received: day(1, 12), Channel: "external", Category: "regulation", Class: "B",
		Title:       "阿莫西林胶囊发布新版药品经营质量管理规范附录处理意见",
		Content:     "仓储部在日常巡查中发现阿莫西林胶囊发布新版药品经营质量管理规范附录，现场拍照留存，相关库存已移入待处理区并挂黄色标识。根据公司《质量信息管理制度》要求，该信息定为B类，由质管部负责跟踪闭环。涉及客户1家，已逐一电话通知并做好记录，暂未收到不良反应报告。请各相关部门对照文件要求开展自查，重点检查购进渠道、验收记录、温湿度监测数据及出库复核记录。",
		Reporter:    "采购部",
		Departments: []string{"仓储部", "质管部", "销售部"},
		Measures:    "调整货位并重新盘点，对错发责任人进行考核",
		Feedback:    "已整改完毕，经复查符合要求",
		Status:      "awaiting",
		Remarks:     "纳入年度质量回顾",
		Registered:  day(1, 12),
	}
}

// testLabels are the default vocabularies' labels.
type testLabels struct{}

func (testLabels) Category(c string) string {
	return map[string]string{"regulation": "法规政策", "customer": "用户投诉"}[c]
}
func (testLabels) Channel(c string) string {
	return map[string]string{"policy": "政策", "internal": "内部", "external": "外部"}[c]
}
func (testLabels) Class(c string) string { return c + "类" }
func (testLabels) Status(c string) string {
	return map[string]string{"open": "待处理", "awaiting": "待反馈", "closed": "已关闭"}[c]
}

func sampleData() Data {
	d := FM30Data(sampleEntry(), "山东某某医疗器械有限公司", testLabels{})
	d.FormCode = "LDMD-FM-30"
	return d
}

var created = time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
