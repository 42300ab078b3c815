"""A small registry for tests: hotlines, a form, the forbidden fields, a pocket card, a referral
entry, and a procedure citing them the way contributors write it."""

from __future__ import annotations

from pathlib import Path

from conftest import write

PROC = "guideline/01-basics/visit-prep.md"

POLICE = """name: 报警电话
number: "110"
purpose: 遇到违法犯罪或人身威胁时报警。
scope: 全国
source:
  title: 110接处警工作规则
  document: 公通字〔2003〕31号
verified: 2026-12-01
pocket_card: true
order: 10
"""

HOTLINE = """name: 全国统一心理援助热线
number: "12356"
purpose: 心理危机时求助。
scope: 全国
source:
  title: 国家卫生健康委设置全国统一心理援助热线
  url: https://www.nhc.gov.cn/
verified: 2026-11-20
pocket_card: true
order: 20
"""

CENTRE = """name: 某区社区卫生服务中心
address: 示例区示例路 1 号
purpose: 门诊和家庭医生签约。
scope: 西城区
source:
  title: 示例区卫生健康委网站
  url: https://example.org/centre
verified: 2026-10-01
"""

FORM = """title: 入户探访记录表
purpose: 探访后 24 小时内填写。
privacy: 只写服务对象编号，不写全名和住址。
sections:
  - title: 基本信息
    fields:
      - label: 服务对象编号
        type: text
      - label: 探访日期
        type: date
      - label: 探访方式
        type: checkboxes
        options: [入户, 电话]
  - title: 记录
    fields:
      - label: 观察与交谈
        type: text
        lines: 4
      - label: 记录人签名
        type: signature
"""

FORBIDDEN = """procedure: visit-prep
fields:
  - name: 身份证号
    words: [身份证号, 证件号码]
    reason: 社工不收集身份证号全号。
  - name: 详细门牌
    words: [门牌, 详细地址]
    reason: 随身材料只用编号。
"""

CARD = """title: 入户随身卡
rules:
  - procedure: visit-prep
    items:
      - 告知督导出发时间
  - procedure: fall-response
    items:
      - 返回后 24 小时内写记录
"""

REFERRAL = """referral:
  services: 独居老年人日常探访和应急联络。
  districts: [西城区, 东城区]
  how: 先发邮件预约，再发送转介单。
  email: referral@alpha-demo.example.org
"""


BETA_REFERRAL = """referral:
  services: 跌倒和突发疾病后的短期跟进探访。
  how: 电话预约后发送转介单。
  phone: 010-00000000
"""


def add_registry(root: Path) -> Path:
    """Add the registry files and cite them from visit-prep; returns root."""
    write(root, "guideline/resources/police.yaml", POLICE)
    write(root, "guideline/resources/mental-health-hotline.yaml", HOTLINE)
    write(root, "guideline/resources/community-centre.yaml", CENTRE)
    write(root, "guideline/forms/visit-record.yaml", FORM)
    write(root, "guideline/forbidden-fields.yaml", FORBIDDEN)
    write(root, "guideline/pocket-card.yaml", CARD)
    org = root / "organisations/alpha-demo.yaml"
    org.write_text(org.read_text(encoding="utf-8") + REFERRAL, encoding="utf-8")
    beta = root / "organisations/beta-demo.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + BETA_REFERRAL, encoding="utf-8")
    proc = root / PROC
    text = proc.read_text(encoding="utf-8")
    text = text.replace("遇到危险立即离开，拨打 110。",
                        "遇到危险立即离开，拨打[110](../resources/police.yaml)。情绪低落时可拨打[热线](../resources/mental-health-hotline.yaml)。")
    text = text.replace("## 参考依据", "## 相关表单\n\n- [记录表](../forms/visit-record.yaml)\n\n## 参考依据")
    proc.write_text(text, encoding="utf-8")
    return root
