package form

import (
	"strings"
	"testing"
)

func revisionData() Data {
	return Data{
		Serial: "LDMD-RV-2026-0003", Company: "山东某某医疗器械有限公司", IssueDate: "2026-03-02", FormCode: "LDMD-FM-RV",
		Fields: map[string]string{
			"applied": "2026-03-02", "department": "质管部", "doc_number": "LDMD-QP-003", "doc_title": "质量信息管理制度",
			"doc_version": "A/1", "new_version": "A/2", "applicant": "张三",
			"reason": "依据新版《医疗器械经营质量管理规范》附录，修订第6条“相关记录编号”：增加文件修订申请表与培训申请单。",
			"review": "同意修订，请补充培训计划。", "reviewer": "李四", "reviewed": "2026-03-03",
			"approval": "批准。", "approver": "王五", "approved": "2026-03-04",
		},
	}
}

func trainingData() Data {
	return Data{
		Serial: "LDMD-TR-2026-0001", Company: "山东某某医疗器械有限公司", IssueDate: "2026-03-05", FormCode: "LDMD-FM-TR",
		Fields: map[string]string{
			"applied": "2026-03-05", "doc_number": "LDMD-QP-003", "doc_title": "质量信息管理制度",
			"old_version": "A/1", "new_version": "A/2", "trainer": "张三",
			"content":  "新版质量信息管理制度：信息分类、A/B/C分级、传递时限与台帐填写要求。",
			"recalled": "2026-03-06", "destroyed": "2026-03-09",
		},
		Lists: map[string][]map[string]string{"recall": {
			{"department": "采购部", "copies": "1（No.2）", "returned": "3月6日", "returned_by": "赵六"},
			{"department": "仓储部", "copies": "2（No.3、No.4）", "returned": "3月6日"},
			{"department": "销售部", "copies": "1（No.5）"},
		}},
	}
}

func TestRevisionSurvives(t *testing.T) {
	pages := assertSurvives(t, testLayout(t, "revision"), revisionData())
	all := strings.Join(opTexts(pages)[0], "|")
	if want := "签名：李四　　日期：2026 年 3 月 3 日"; !strings.Contains(all, want) {
		t.Errorf("revision form lacks %q", want)
	}
	blank := revisionData()
	delete(blank.Fields, "approver")
	delete(blank.Fields, "approved")
	all = strings.Join(opTexts(testEngine(t).plan(testLayout(t, "revision"), &blank))[0], "|")
	if want := "签名：　　　　　　　　日期：      年    月    日"; !strings.Contains(all, want) {
		t.Errorf("unsigned approval lacks room to sign %q", want)
	}
}

func TestTrainingChecksAndList(t *testing.T) {
	l := testLayout(t, "training")
	d := trainingData()
	pages := assertSurvives(t, l, d)
	all := strings.Join(opTexts(pages)[0], "|")
	for _, want := range []string{
		"旧文件回收（各部门，3 月 6 日）", "旧文件销毁（留一份归档，3 月 9 日）", "新文件发放（    月    日）",
		"修改文件状态档案（旧文件“已回收销毁”；新文件“受控”，    月    日）", "●",
		"采购部", "1（No.2）", "赵六", "仓储部", "销售部", "持有部门",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("training form lacks %q", want)
		}
	}
	// A long recall list continues on a second page under a repeated header.
	for i := range 40 {
		d.Lists["recall"] = append(d.Lists["recall"], map[string]string{"department": "部门" + string(rune('甲'+i))})
	}
	pages = testEngine(t).plan(l, &d)
	if len(pages) < 2 || !strings.Contains(strings.Join(opTexts(pages)[1], "|"), "持有部门") {
		t.Errorf("long recall list: %d pages, header repeated: %v", len(pages), len(pages) > 1)
	}
	if got := len(fieldLines(pages, "department")); got != 43 {
		t.Errorf("recall list printed %d departments, want 43", got)
	}
}
