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

# vocabulary:               # 可替换内置的类别、渠道、等级、状态及其别名，如：
#   channel:
#     - {code: policy, label: 政策}
#     - {code: internal, label: 内部}
#     - {code: external, label: 外部, aliases: [客户, 监管部门]}
`, company, depts)
}
