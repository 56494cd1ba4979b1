-- 平山镇人民政府 2021 annual report (政府信息公开工作年度报告), figures as published.
-- Entered through the jsonb casts; loaded by the demo and by the pingshan regression test.
INSERT INTO govinfo.agency (code, name, level)
VALUES ('pingshan-zhen', '平山镇人民政府', 'township');

INSERT INTO govinfo.annual_report
	(agency_id, year, disclosures, requests, appeals, overview, problems, other_matters)
SELECT agency_id, 2021,
$${"2.1.1": {"issued": 0, "abolished": 0, "in_force": 0}, "2.1.2": {"issued": 0, "abolished": 0, "in_force": 0}, "2.5.1": {"decisions": 0}, "2.6.1": {"decisions": 24}, "2.6.2": {"decisions": 1}, "2.8.1": {"amount": 0}}$$::jsonb::govinfo.disclosure_figures,
$${
  "1": [0, 0, 0, 0, 0, 0, 0],
  "2": [0, 0, 0, 0, 0, 0, 0],
  "3.1": [0, 0, 0, 0, 0, 0, 0],
  "3.2": [0, 0, 0, 0, 0, 0, 0],
  "3.3.1": [0, 0, 0, 0, 0, 0, 0],
  "3.3.2": [0, 0, 0, 0, 0, 0, 0],
  "3.3.3": [0, 0, 0, 0, 0, 0, 0],
  "3.3.4": [0, 0, 0, 0, 0, 0, 0],
  "3.3.5": [0, 0, 0, 0, 0, 0, 0],
  "3.3.6": [0, 0, 0, 0, 0, 0, 0],
  "3.3.7": [0, 0, 0, 0, 0, 0, 0],
  "3.3.8": [0, 0, 0, 0, 0, 0, 0],
  "3.4.1": [0, 0, 0, 0, 0, 0, 0],
  "3.4.2": [0, 0, 0, 0, 0, 0, 0],
  "3.4.3": [0, 0, 0, 0, 0, 0, 0],
  "3.5.1": [0, 0, 0, 0, 0, 0, 0],
  "3.5.2": [0, 0, 0, 0, 0, 0, 0],
  "3.5.3": [0, 0, 0, 0, 0, 0, 0],
  "3.5.4": [0, 0, 0, 0, 0, 0, 0],
  "3.5.5": [0, 0, 0, 0, 0, 0, 0],
  "3.6.1": [0, 0, 0, 0, 0, 0, 0],
  "3.6.2": [null, null, null, null, null, null, null],
  "3.6.3": [null, null, null, null, null, null, null],
  "3.7": [0, 0, 0, 0, 0, 0, 0],
  "4": [0, 0, 0, 0, 0, 0, 0]
}$$::jsonb::govinfo.request_figures,
$$[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]$$::jsonb::govinfo.appeal_figures,
'2021年度主动公开包括重点工作进展、疫情防控、巩固脱贫攻坚成效、人居环境整治、土地征迁、违建整治、产业发展等项内容的政府信息352条，规范性文件类的信息12条。',
'信息公开面对社会宣传力度不够；工作机制方面还不够完善，导致信息统计不及时，发布信息量还较少；要进一步加大对信息工作的经费支持力度。',
'无。'
FROM govinfo.agency WHERE code = 'pingshan-zhen';
