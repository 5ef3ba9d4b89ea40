package config

import (
	"fmt"
	"strings"
)

// Template is the commented config.yaml that `qdoc init` writes. Every key
// is shown with its default so the officer sees what can be changed.
func Template(company string) string {
	depts := "  - " + strings.Join(DefaultDepartments, "\n  - ")
	return fmt.Sprintf(`# qdoc 工作区配置 — workspace configuration
# 路径均相对于本文件所在文件夹，整个工作区可以复制或搬移。

company: %q       # 公司名称，印在表单和台帐页眉
operator: 质量管理员         # 默认操作人（命令可用 --by 指定）
timezone: Asia/Shanghai     # 时区，决定“今天”和定时任务
prefix: LDMD                # 表单编号前缀，如 LDMD-FM-30
serial_pattern: "{prefix}-FM-30-{yyyy}-{seq:4}"   # 信息编号格式，每年从 1 重新编号
language: zh                # 表单和台帐的语言：zh 中文，en 英文 English，bilingual 中英对照
# font: fonts/simsun.ttf    # 表单字体（TrueType）；不填则用内置的文泉驿微米黑

paths:
  inbox: inbox              # 登记表放在这里（只读，不会被移动或修改）
  out: out                  # 台帐、表单、错误报告输出到这里
  store: data/qdoc.db       # 数据库（系统记录）
  archive: archive          # 归档
  templates: templates      # 自定义版式（覆盖内置同名文件）

departments:                # 部门
%s

# department_aliases:       # 部门别名，如：
#   质量部: 质管部

deadlines:                  # 各等级信息的处理时限（天）
  A: 1
  B: 3
  C: 7

limits:
  xlsx_mb: 64               # xlsx 解压后大小上限
  text_mb: 16               # csv / yaml 文件大小上限

# schedule:                 # qdoc schedule 的定时任务（cron 表达式，按上面的时区）；不填则不运行
#   run: "0 18 * * *"         # 每天 18:00 批处理
#   quarterly: "0 8 1 1,4,7,10 *"   # 每季度第一天：上季度 FM-32 汇总分析表
#   reminders: "0 9 * * 1"    # 每周一：超期信息、未回收文件、到期复审提醒

# documents:                # 文件控制
#   approvers: [总经理]        # 限定批准人；不填则任何人（审核人、申请人除外）
#   review_every: 24m         # 定期复审周期
#   revision_pattern: "{prefix}-FM-10-{yyyy}-{seq:3}"   # 文件修订申请表编号
#   training_pattern: "{prefix}-FM-11-{yyyy}-{seq:3}"   # 培训申请单编号

# retention:                # 归档保存期限（年，或 永久 / 随最后记录）；qdoc 只提示，从不删除
#   default: 5
#   document: 随最后记录

# vocabulary:               # 可替换内置的类别、渠道、等级、状态及其别名，如：
#   channel:
#     - {code: policy, label: 政策}
#     - {code: internal, label: 内部}
#     - {code: external, label: 外部, english: External, aliases: [客户, 监管部门]}
`, company, depts)
}
