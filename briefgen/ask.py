"""Chat answers: retrieve → (refusal gate) → draft (LLM or extractive) → verify → Answer.

Refusal is decided by the evidence and the verifier, not by the LLM alone: a question about a
place or year the evidence never mentions, or asking for a number the evidence does not state,
gets 语料中没有相关信息.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection

from briefgen.config import Settings
from briefgen.draft import (
    author_bios,
    body_sentences,
    claim_from_citation,
    content_tokens,
    draft_answer_llm,
    is_masthead,
    prose_sentences,
    rank_sentences,
    received_dates,
    sentence_citations,
)
from briefgen.errors import LLMError
from briefgen.index import Index
from briefgen.llm import CachedJSON, chat_model
from briefgen.models import Answer, Citation, Claim, Figure, Region
from briefgen.regions import find_mentions, short_name
from briefgen.retrieve import (
    Hit,
    Retriever,
    comparison_sides,
    names_title,
    query_regions,
    sentence_terms,
    wants_several_documents,
)
from briefgen.tokenize import PERSON as _PERSON
from briefgen.tokenize import PERSON_NAME as _NAME
from briefgen.tokenize import ROLES as _ROLES
from briefgen.tokenize import tokenize, word_tags
from briefgen.verify import verify_claims

log = logging.getLogger(__name__)
REFUSAL = "语料中没有相关信息"
# 这几项/那几个/哪几家 point at things, 就那么几个人 means "only those few" and 二十几项 "twenty-odd": such a 几 counts nothing
_POINTING = r"(?<![哪那这好么十百千万0-9])"
# (有多少是实打实的 asks a degree, told in words: 不少是虚设)
_QUANTITY = re.compile(r"(?<!号是)(?<!号)(?<!不上)(?<!不了)(?<!不到)(?<!没)(?<!没有)多少(?!上(?![级面报交缴])|方面|[与和及跟]|是?(?:真正|实打实|实实在在|管用|真的))|(?:多大|什么|何种|哪种)(?:比重|权重|比例|份额)|权重|百分之几|几成|(?<![第没])" + _POINTING + r"几[个项天年人家所倍轮次批]|哪一年|哪年|"
                       r"增长了?几|比重|比例是|人口(?:规模|总量|总数)|面积(?:有)?多大|多大(?:的)?面积|多远|相距多少|(?:多长|多少)的?(?:距离|路程)")  # 人口规模如何 asks a population's figure
# (沾不上多少光, 起不了多少作用, 没多少钱: "not much", no figure asked)
# 几 as "a few", not "how many": 列几个例子, 举几个, 给我找几份材料, 几个实施方案里讲的原则 (not 给几个镇下放了权限).
_SEVERAL = re.compile(r"[列举找挑选说]几[个份篇条项]|几个例子|几[个份篇][\u4e00-\u9fff]{1,6}[里中](?![有是])"
                      r"|(?:汇总|归纳|整理|梳理|比较|对比|看看|综合)(?:一?下)?[\u4e00-\u9fff]{0,4}?几[个份篇]"  # 汇总下(凤阳县)几个镇的做法
                      r"|几[个份篇家][^，,。？?；;！!]{0,12}?(?:说说|讲讲|谈谈|聊聊|说一说|讲一讲)"  # 几个县的经验说说
                      r"|几[个份篇家条项][^，,。？?；;！!]{1,30}?的(?:实例|例子|案例|示例|做法)"  # 给我几个试点镇…的实例
                      r"|(?:^|[，,。？?；;])几[个份篇](?=[^，,。？?；;！!]{1,20}?(?:分别|各))"  # 几个试点镇…分别靠什么
                      r"|(?:要|想|准备|打算|计划)(?:去|到|走访)几[个家所]"  # 要去几个试点县调研: a few places to visit
                      r"|(?:我们|咱们|他们|你们|她们)几[个位]"  # 当年我们几个县长争得面红耳赤: some of us
                      r"|从几[个处][^，,。？?；;]{1,12}?(?:扩展|推广|扩大|铺开|推开)"  # 从几个地方的试行…扩展到全国
                      r"|(?:^|[，,。？?；;])几[个份篇](?=[^？?]*(?:对比|比较|比一比))"  # 几个镇的产业定位对比一下
                      # a place's few (凤阳县几个试点镇…各自靠哪些产业), not a count it has (凤阳县有几个试点镇)
                      r"|(?:(?<=[县市镇省区])的?|的)几[个份篇家](?=[^？?]*?(?:分别|各|哪|怎么|如何|什么|啥))"
                      r"|(?:^|[，,。？?；;])几[个份篇][\u4e00-\u9fff]{1,4}?的(?=[^，,。？?；;！!]*?(?:怎么|如何|怎样|哪些|啥))"
                      r"|把几[个份篇家位条项]"  # 把几个县的说法合起来讲讲: a few, taken together
                      r"|几[个项条][\u4e00-\u9fff]{1,6}[：:](?=[^？?]*、)"  # 几个硬指标：GDP、财政收入…: a few, listed
                      r"|以[\u4e00-\u9fff]{0,6}几[个份篇家][^，,。？?；;！!]{0,20}?为例"  # 以凤阳县的几个试点镇…为例
                      r"|(?:有没有|是否有|有无)几[个份篇家条项位]")  # 有没有几个地方都在用的提法: are there some
# (几个镇的方案…是怎么排的: the towns' plans, how they set it, not how many towns)
# Any clause with 几 and another question word (咋, 啥, 哪, 还是 …) asks that, of a few things.
_FEW = re.compile(r"[^，,。？?；;！!]*" + _POINTING + r"几[个份篇家项条位名所处][^，,。？?；;！!]*")
_STATED_COUNT = re.compile(r"多少|" + _POINTING + r"几(?=[个份篇家项条位名所处年天次])")
_REQUEST = re.compile(r"请|告诉|说说|讲讲|列出|列一下|给出|问一下|想知道|想了解|想问")
_FEW_SUBJECT = re.compile(r"(?:^|(?<=[，,。？?；;！!]))\s*(?:(?:语料|材料|文件|文章|资料|报告)[里中内]?)?几[个份篇家](?=[\u4e00-\u9fff])")
_FEW_COUNTER = re.compile(_POINTING + r"几(?=[个份篇家项条位名所处])")
_OTHER_ASK = re.compile(r"咋|啥|什么|怎么|怎样|如何|哪|为何|为什么|还是")
# A clause saying what the asker will do with the answer (我想算一下人均数, 我们想算人均, 好算增速, 讲案例时想算人均数),
# unless it asks a figure itself (想算一下人均是多少).
_PURPOSE = re.compile(r"(?:(?:(?:我们?|好|以便|用来)(?:想|要|打算|准备)?|想|打算|准备)(?:算|计算|估算|测算|换算|折算)|(?:要|想|需要|得)用)"
                      r"(?![^，,。？?；;！!\s]*(?:多少|几))[^，,。？?；;！!\s]*")  # …讲话里要用人均数
# The counter a count question names (多少项权限 → 项): the answer's figure must count in it. Money and
# areas come in several sizes (万元/亿元), so a family counts as one (and a pointing 几, above, counts nothing)
_COUNT = r"(?:多少|" + _POINTING + r"几)"
_COUNTER = re.compile(_COUNT + r"(项(?!目)|口?人|名|家|所|天|倍|户|件|起|宗|亩|元|万元|亿元|公里|平方公里|轮|次|批)")  # 个: any noun; 多少项目 counts 个
# …the noun after it: 几个县, 多少个部门; 几个县直部门 / 县级部门 count 部门, not 县 (but 多少个省级单位 counts 省: 24个省)
_COUNTED = re.compile(_COUNT + r"个(?:内设|下属|直属|[省市县区镇乡]直(?=[\u4e00-\u9fff])|[省市县区镇乡]级(?=部门|机构))?"
                      r"(机构|[\u4e00-\u9fff])")
# …or before: 试点镇有几个？ 内设机构分别有多少个？ (not the 一 of 一共多少个, nor the 总 of 总共)
_COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff])(?<![一总的了])(?<!一共)(?<!总共)(?:分别|各|都|一共|总共)?[有是共]" + _COUNT + r"个(?![\u4e00-\u9fff])")
# A counted noun that names a kind: 内设机构 are counted as 处室, 股室, 科室 (省发改委设置了27个处室).
_OFFICES = ("处", "科", "股", "室", "部门", "单位", "站", "所")
_BRACKETED = re.compile(r"[(（][\u4e00-\u9fff]{1,4}[)）]")
_MEMBERS = {"构": _OFFICES, "机构": _OFFICES}  # 内设机构有多少个, 多少个内设机构
# …and a question word naming a body whose size is told by counts of its offices (发改部门的规模差了多少: 27个处室),
# or an office of one kind whose count is told in another's (内设科室差多少: 27个处室, 5个股室).
_OFFICES_OF: dict[str, tuple[str, ...]] = {word: ("处室", "股室", "科室") for word in ("部门", "机构", "科室", "处室", "股室")}
# …and the everyday words for a county's bureaus and a town's stations (县里局办、镇上站所有几个人: 每个股室仅有2—3人,
# 以前涉及权力下放的部门中…一名或两名工作人员)
_OFFICES_OF |= {word: ("处室", "股室", "科室", "部门") for word in ("局办", "站所", "科局", "局室")}
_UNIT_FAMILY = {"万元": "元", "亿元": "元", "万亿元": "元", "平方公里": "面积", "平方千米": "面积", "公顷": "面积", "亩": "面积",
                "万人": "人", "口人": "人", "名": "人", "个工作日": "天", "日": "天", "公里": "距离", "千米": "距离"}
# How far (离县城有多远, 相距多少公里): only a distance answers, not the 5平方公里 of an area nor any other figure.
_DISTANCE_Q = re.compile(r"多远|相距|(?:距离|路程)(?:有|是|约|大约|大概)?(?:多少|多长|几)|(?:多长|多少)的?(?:距离|路程)|(?:多少|几)公里")
_YEAR_Q = re.compile(r"哪一年|哪年|何时|什么时候")
# Where a paper was published (登在哪本期刊, 发表在哪): the answer names a journal, or its volume and issue.
_VENUE_Q = re.compile(r"哪一?(?:本|个|家|份)(?:期刊|学报|杂志|刊物)|什么(?:期刊|学报|杂志|刊物)|(?:登|发表|刊登|刊发|刊载|载|发)(?:在|于)哪")
_VENUE = re.compile(r"期刊|学报|杂志|刊物|出版社|第\s*\d+\s*期|(?i:journal)")
# When a paper was published (哪一年发表的, 发表于何时): the answer is its issue or journal line, or says 发表于 —
# not a year its text names (孙学玉's 2002年以来 dates the reform, not the paper).
_PUBLISHED_Q = re.compile(r"(?:哪一?年|何年|什么时候|何时|啥时候)(?:公开)?(?:发表|刊发|刊登|刊出|见刊|登出|出版)"
                          r"|(?:发表|刊发|刊登|刊出|出版)(?:于|在)?(?:哪一?年|何年|什么时候|何时|啥时候)|发表(?:时间|年份|日期)")
# Which batch (第几批试点, 哪一批): a sentence naming one (首批, 第二批); which meeting a talk was given at: a meeting.
_BATCH_Q = re.compile(r"第几批|哪一?批(?!准|复)")
_BATCH = re.compile(r"首批|第\s*[一二三四五六七八九十\d]+\s*批|批次")
_MEETING_Q = re.compile(r"(?:哪|什么)(?:一)?(?:个|次|场)?(?:会议|论坛|研讨会|座谈会|年会)")
_MEETING = re.compile(r"会议|论坛|研讨会|座谈会|年会|大会")
_PUBLISHED = re.compile(_VENUE.pattern + r"|第\s*\d+\s*卷|发表于|刊于|刊登于|出版于")
# Where an author works (在哪所高校任职, 工作单位): the answer names an institution.
# (A person's: 请了哪家单位来做规划 asks for a contractor, 市城乡规划设计院.)
_BODY = r"(?:单位|研究机构|机构)(?:[或和、/](?:单位|研究机构|机构))?"  # 哪个单位或机构的研究人员
_AFFILIATION_Q = re.compile(rf"任职|就职|供职|工作单位|(?:哪一?个|什么|哪家){_BODY}(?:工作|上班|的)|(?<![放设摆挂归落])在哪一?(?:个|家){_BODY}"
                           rf"|在哪(?:里|儿)?(?:工作|上班|任教)|(?:是|来自|属于)(?:哪一?个|哪家|什么){_BODY}(?=的|[？?，,。]|$)"
                           r"|所在(?:的)?(?:单位|机构)"
                           r"|哪里的(?:学者|专家|教授|老师|研究人员)|哪所(?:高校|大学|学校)"
                           r"|哪(?:个|家)(?:高校|大学)")
_INSTITUTION = re.compile(r"大学|学院|研究院|研究所|研究中心|研究室|党校|科学院|社科院")
# A person's name (姓名, 哪位, 作者叫什么): the answer names a person (see tokenize.PERSON).
# (组长的镇党委书记，叫什么名字: a comma may stand between), and 叫啥名字 after any word that is not a thing's
# (书纪叫啥名字, typed fast; not 那个方案叫什么名字, 哪个镇叫啥名字)
_PERSON_Q = re.compile(rf"姓名|姓什么|姓甚名谁|哪位(?!领导)|(?:{_ROLES}|领导)[，,]?[^，,。？?；;！!]{{0,6}}?(?:叫什么|叫啥|名字)"
                       r"|[\u4e00-\u9fff](?<![件案策章文告料见知法议程动目镇县区市省村乡位构门室局委办])叫(?:什么|啥)名字")
# A person's post (干啥职务, 什么职称): the answer names a post or title (郊区政协副主席王振涛), not what the person wrote.
_POST_Q = re.compile(rf"(?:什么|啥|何种?|哪种|哪一?个|哪一?级)(?:职务|职位|职称|官职|身份|级别|职级|行政级别)|(?:{_ROLES}|讲师|院长|所长)还是|(?:职务|职称|职位)(?:是什么|是啥|为何)|任(?:什么|啥|何)职"
                     r"|(?:职务|职称|职位)是?\s*[？?]?\s*$")  # 周天勇的职务是？
_POST = re.compile(rf"{_ROLES}|讲师|院长|所长|部长|秘书长|常委|干部")
# When a person was born (哪年出生, 多大年纪): the answer gives a birth year (楚明锟(1956-)) or an age.
_BIRTH_Q = re.compile(r"出生|生于|哪年生|(?:多大|什么)(?:年纪|岁数)|年龄")
_BIRTH = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*[-—–~～]|出生|生于|\d{1,3}\s*岁")
# A person's party (属于哪个民主党派, 政治面貌): the answer names a party or a member of one (民盟, 中共党员), not a
# masthead that gives the person's post alone (郊区政协副主席王振涛).
_PARTY_Q = re.compile(r"(?:哪个|哪一个|什么|啥|哪)(?:民主)?党派|党派(?:是什么|是哪个)|政治面貌|是(?:不是|否)(?:中共)?党员")
_PARTY = re.compile(r"民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|党员|无党派")  # not 中共县委, an issuer
# When a journal received a paper (收稿日期): asked as 哪天收到稿件, 投稿时间, 收稿日期.
_RECEIVED_Q = re.compile(r"收稿|投稿|来稿|收到[^，,。？?；;！!]{0,8}?(?:稿件|稿子|文稿|论文)")  # 收到楚明锟那篇稿件
# What funded a paper (哪个基金资助的, 课题来源): a sentence naming a fund or a commissioned project, as the front matter's
# 基金项目 line does.
_FUND_Q = re.compile(r"基金|资助|(?:课题|项目)(?:来源|支持)|哪个(?:课题|项目)(?:支持|资助)")
_FUND = re.compile(r"基金|资助|课题")
_BIO_OR_FUND = re.compile(_BIRTH.pattern + "|" + _FUND.pattern)  # 崔会敏（1974-)，女，河南郾城人; 江苏省“333工程”资助项目
# …a place's own way of doing the reform (湖北模式, 河南的强县扩权做法, 湖北那种…的做法), not its scholars' (河南学者那篇
# 文章提了啥措施)
_PRACTICE_OF = (r"[省市]?(?:那种|这种|的)?(?:(?!文章|论文|学者|专家|大学|老师)[^，,。？?；;！!]){0,8}?"
                r"(?:做法|模式|经验|举措|措施|特点|特色|路径)")
# A question about a named person's workplace, post, birth or party is answered by a sentence naming that person.
_ABOUT_PERSON_Q = re.compile("|".join(p.pattern for p in (_AFFILIATION_Q, _POST_Q, _BIRTH_Q, _PARTY_Q)))
_SENTENCES = re.compile(r"[^？?；;。！!]+[？?；;。！!]?")  # a question's sentences, each with its end mark
_CLAUSES = re.compile(r"[，,]")
# What sources say (是怎么说的, 怎么描述的) or which problems they name (问题主要有哪些, 点了哪些毛病)
_SOURCES_SAY = re.compile(r"(?:怎么|如何|咋|怎样)(?:说|讲|看|描述|反映|表述|评价|分析)"
                          r"|(?:问题|毛病|不足|困难)[^，,。？?]{0,4}哪些|哪些(?:问题|毛病|不足|困难)"
                          r"|(?:汇总|归纳|梳理|整理)[^，,。？?]{0,3}(?:给我|出来)")  # 相关内容汇总给我
_ACROSS = re.compile(r"各家|两家|两边|各方|几家")  # …across sources (各家是怎么说的, 两边各点了哪些毛病)
# A query typed as keywords (武胜县 户籍人口 总数, 孙学玉 职称 职务) asks for its last word's value: the question it stands
# for gets the question word it left out, so that the gates check the figure, the post … as a question's would.
_INTERROGATIVE = re.compile(r"[？?吗呢]|多少|几|什么|啥|哪|谁|怎|如何|何|是否|有没有|有无|是不是")
_KEYWORD_ASKS = ((re.compile(r"(?:人口|总额|金额|面积)(?:\s*的?总数)?$"), r"\g<0>是多少"),
                 (re.compile(r"\s*的?(?:总数|数量|数目|个数)$"), "有多少个"),
                 (re.compile(r"人数$"), "有多少人"),
                 (re.compile(r"(?:职称|职务|职位)$"), r"\g<0>是什么"),
                 (re.compile(r"年份$"), "是哪一年"),
                 (re.compile(r"日期$"), "是哪一天"))
# A space between two words of a question typed on a phone (…开始给县扩权的 当时给了几个县市) parts two clauses.
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
# A wish after the request, not a condition of the answer (拎三条人员紧张的表述，最好带具体人数。): the passages are
# the answer with or without the figure, which the question does not then need
_OPTIONAL = re.compile(r"[，,；;]\s*(?:最好(?!的)|如有|若有|如果有的?话|有的话|可以的话|方便的话)[^，,。？?；;！!]*(?=[。；;！!]|$)")
_OWN_CONTEXT = re.compile(r"\s*(?:我|咱|本人|想|打算|准备|回头)[^？?]*$")  # a sentence of the asker's own that asks nothing (我想…。, 想拿它除一下…)
# …or one working out something of its own from the answer (我想据此算一算民生投入摊到每人身上有多少): its 多少 is the asker's sum
_OWN_SUM = re.compile(r"\s*(?:我|咱)们?(?:想|要|打算|准备|好)(?:据此|以此|拿它|用它|拿这个数?|用这个数?)[^，,。？?；;！!]{0,4}?"
                      r"(?:算|计算|估算|测算|推算|换算|折算)")
# …and the question its own work turns on, stated with a full stop (我们评估哪些县适合纳入直管名单时想参考这篇的意见。):
# what the answer is for, not a which-county asked
_OWN_DECISION = re.compile(r"(?:评估|确定|决定|研判|研究|讨论|考虑|判断|筛选)(?:哪|是否|能否)[^，,。？?；;！!]*?时(?=[^？?]*[。！!]\s*$)")
# …or says what the figure will be used for (规划里测算人均指标要用到。), asking nothing itself
_OWN_USE = re.compile(r"[^？?]*(?:算|计算|估算|测算|推算|换算|折算)[^？?]*(?:要用到|会用到|用得上|需要用到|得用)[。！!]?\s*$")
# On which day (哪天印发, 几月几号, 在哪个时间节点前承接到位): the answer gives a day, not only a year or a document
# number (〔2012〕15号).
_DAY_Q = re.compile(r"哪(?:一)?天|几号|几月几日|哪一日|何日|具体日期|截止日期|(?:哪个|什么)(?:具体)?时间节点(?:之?前)")
_DAY = re.compile(r"(?<![\d〕】\]）)?？xX×])\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}")
# Where something ranks (排第几, 名次): the answer gives a place in a ranking (居全省第3位, 排名第一, 前十名),
# not the figures it might be ranked by (2010年实现国内生产总值101.1亿元) or a plan's wish to be 走在全县前列.
# (排第几把交椅 asks a post in a body: 镇长任第一副组长)
_RANK_Q = re.compile(r"第几(?![卷期版章节条款批届次年天步把])|名次|排名(?:如何|怎么样|怎样|情况|多少|靠前)|(?<![安编])排(?:在|到)(?:多少|哪)")
_RANK = re.compile(r"第\s*[一二三四五六七八九十百\d]+\s*(?:位|名)|排(?:名|在|行)?第|名列|位(?:列|居)|前\s*[一二三四五六七八九十百\d]+\s*(?:位|名|强)"
                   r"|首位|榜首|之首|第一方阵|百强")
# Which firms (哪几家企业, 公司叫什么名字): the answer names a firm (…有限公司, …集团, …厂), not the industry they are in
# (以磷化工…做大做强中心镇).
_FIRM_Q = re.compile(r"哪(?:几|一)?家(?:企业|公司|工厂|厂)|哪些(?:企业|公司|工厂)|(?:企业|公司|工厂)[^，,。？?；;！!]{0,4}?"
                     r"(?:叫什么|叫啥|名字|名称)")
_FIRM = re.compile(r"[\u4e00-\u9fff]{2,}(?:有限公司|有限责任公司|公司|集团|工厂|[^工]厂)")
# Which law, which article (哪一部法律的第几条, 法律条文): the answer names a law (《…法》, 《…条例》) or an article
# (第十二条), not the policy documents a plan cites (《关于推进扩权强镇试点工作的实施意见》). A legal basis (法律依据)
# may be any instrument (全国人大常委会发布了《…的决定》): not gated.
_LAW_Q = re.compile(r"哪(?:一)?部(?:法律|法规)|第几条|法律(?:条文|条款)|法条|哪条法")
_LAW = re.compile(r"《[^》]*(?:法|条例)》|第\s*[一二三四五六七八九十百零\d]+\s*条")
# A document's number (文号, 发文字号): only a sentence giving one (黔发改体改【2012】157号, 滁发[xx]10号) answers.
_DOC_NUMBER_Q = re.compile(r"文号|字号|文件编号")
_DOC_NUMBER = re.compile(r"[〔【\[［(（]\s*(?:(?:19|20)\d{2}|[xX×]{2,4})\s*[〕】\]］)）]\s*\d+\s*号")
# …of a document the question asks to be named (被列为试点是省里哪份文件、什么文号定下来的): a number beside its title
# (《关于…的批复》(黔发改体改【2010】987号)), not a report's own masthead number (政府参阅[2011]6号)
_WHICH_DOCUMENT_Q = re.compile(r"哪(?:一)?(?:份|个|项|号)(?:文件|文)|什么文件")
# A growth each year (每年的增长率, 年均增速, 每年涨多少): a growth over several years (比2008年增长62.6%) is no yearly rate.
_YEARLY_GROWTH_Q = re.compile(r"(?:每年|年均|每一年|逐年)[^，,。？?；;！!]{0,10}?(?:增长|增速|增幅|涨|提高)")
_YEARLY = re.compile(r"年均|每年|逐年|同比|比上年|较上年|(?<![\d〇零一二三四五六七八九十])年增长")
# What sanctions a scheme sets (规定了什么样的处分或者问责办法, 奖惩办法): a sentence naming a sanction or reward
# (奖罚分明, 追究…责任), not one on powers and duties matched (权限与责任相匹配). Not 问责 said as the reason for asking
# (问责要落到人：…组长由谁担任) nor the 处分 of 好处和坏处分别, and only when sanctions are all it asks: 暴露了什么问题，
# 又用了什么奖惩办法 is answered by the problems too.
_SANCTION_Q = re.compile(r"(?:处分|问责|追责|责任追究|惩处|惩戒|奖惩|奖罚)(?:的)?(?:办法|措施|机制|规定|制度|条款)"
                         r"|(?:规定|制定|设置|设立|出台|有)了?(?:什么|怎样|哪些|啥)(?:样)?的?(?:处分|问责|追责|责任追究|惩处|奖惩)")
_SANCTION = re.compile(r"问责|追责|追究|处分|惩|处罚|查处|纪律|奖罚|奖励")
# …and how pilots are assessed (设置了哪些考核评估指标, 市里是怎么考核的): a sentence on assessing them (考核, 目标责任书,
# 督导), not the targets a plan sets (年均增长25%以上), when that is all a clause asks (想定考核指标，…年均增长多少 asks
# the target).
_ASSESSMENT_Q = re.compile(r"考核(?:评估)?指标|(?:怎么|如何|怎样|咋)(?:进行)?考核|考核(?:周期|办法|机制|制度|结果|方式)")
_ASSESSMENT = re.compile(r"考核|考评|评估|目标责任|督查|督导")
# The grade a post is given (党委书记是否按副县级高配): a sentence naming a grade, not one naming the post (由镇党委书记任组长)
_GRADE_Q = re.compile(r"高配|(?:副|正)(?:县|处|科|厅|乡)级")
_GRADE = re.compile(r"高配|(?:副|正)(?:县|处|科|厅|乡)级|级别|规格")
# Whether one item is among those handed down (二十几项权限里有没有村民建房审批这一项): a sentence naming that item.
# (有没有材料提到基础设施这类专项: the item is 基础设施, not the sources that might name it)
_THIS_ITEM_Q = re.compile(r"(?:有没有|是否有|有无|包不包括|是否包括|包括不包括)"
                          r"(?:[\u4e00-\u9fff]{0,4}?(?:提到|提及|说到|讲到|谈到|写到|涉及))?([^，,。？?；;！!]{2,16}?)这一?[项条类]")
# Which month (哪年哪月印发, 几月启动): a sentence giving a month (2011年12月, 2009-08-05), not a year alone (the
# 【2010】 of a document number beside a draft plan that never says when it was issued).
_MONTH_Q = re.compile(r"几月|何月|哪一?个?月")
_MONTH = re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|(?:19|20)\d{2}\s*[-./]\s*\d{1,2}")
# The procedure asked (按什么程序走, 办理流程和时限是怎么规定的, 走哪几道报批手续): a sentence naming one (通过法定程序…下放), not one
# saying what was handed down or who checks it
_PROCEDURE_Q = re.compile(r"(?:什么样?的?|啥样?的?|何种|怎样的?|怎么样的|哪些|哪几道|哪几步)"
                          r"(?:报批|审批|申报|报备|审核|办理|法定|评审|评选|遴选){0,2}(?:程序|流程|手续)"
                          r"|(?:程序|流程)(?:和[\u4e00-\u9fff]{1,4})?(?:一步步|一步一步|具体|到底|究竟)?(?:是|又是|该|要)?"
                          r"(?:什么|怎样|怎么|如何|咋)"
                          r"(?!讲|说|表述|提|写|看|评价|论述)")  # 走法定程序是怎么讲的: what sources say of it
_PROCEDURE = re.compile(r"程序|流程|步骤|手续|环节")
# 已制定规范操作流程, 简化扩权事项审批流程, 减少了审批环节: that there is one, or that it was made shorter, not which it is
_DRAWN_UP = re.compile(r"(?:制定|建立|出台|完善|健全|编制|简化|优化|精简|再造|减少|缩减|压缩)[^，,。；;]{0,6}$")


def _names_procedure(sentence: str) -> bool:
    """The sentence names a procedure (通过法定程序…下放, 按照申请、受理、审核的程序), not only that one was drawn up."""
    return any(not _DRAWN_UP.search(sentence[: m.start()]) for m in _PROCEDURE.finditer(sentence))


# How an assessment scores (考核评分细则, 奖惩档次, 占多少分、权重多大): a sentence naming scores, grades or weights, not
# one saying that an assessment exists (制定目标责任书…确保工作奖罚分明)
_SCORING_Q = re.compile(r"评分|打分|分值|档次|等次|扣分|加分|权重")
_SCORING = re.compile(_SCORING_Q.pattern + r"|\d+(?:\.\d+)?\s*分(?![之钟别类析工配])|优秀|良好|合格|不合格")

# The names of offices (设置了哪些内设机构…各叫什么名称): a sentence naming one (便民服务中心, 综合办公室, 农业服务站), not
# one saying that staff and bodies were merged (机构人员统筹整合)
_OFFICE_Q = re.compile(r"(?:机构|站所|科室|股室|处室)(?:[^，,。？?；;！!]{0,8}?|[？?，,]各)(?:叫什么|叫啥|名字|名称)")
_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,}(?:办公室|服务中心|(?<!相关)(?<!相关站)(?:站|所|办)(?=[、，,。；;）)和及等]))")

# A question of such a kind is answered only by a sentence that names such a thing.
_NAMED_IN_ANSWER = ((_VENUE_Q, _VENUE), (_AFFILIATION_Q, _INSTITUTION), (_PERSON_Q, _PERSON), (_DAY_Q, _DAY),
                    (_RANK_Q, _RANK), (_FIRM_Q, _FIRM), (_LAW_Q, _LAW), (_DOC_NUMBER_Q, _DOC_NUMBER),
                    (_YEARLY_GROWTH_Q, _YEARLY), (_POST_Q, _POST), (_BIRTH_Q, _BIRTH), (_PARTY_Q, _PARTY),
                    (_PUBLISHED_Q, _PUBLISHED), (_BATCH_Q, _BATCH), (_MEETING_Q, _MEETING), (_FUND_Q, _FUND),
                    (_GRADE_Q, _GRADE), (_MONTH_Q, _MONTH), (_SCORING_Q, _SCORING), (_OFFICE_Q, _OFFICE))
# Which items (放了哪几项具体事权, 包括哪几项): a sentence that lists them (拆违、治乱、保洁…), not one that mentions the
# powers handed down (对照所下放的权力，编制上报工作计划)
_ITEMS_Q = re.compile(r"哪(?:几|些)项(?!目)(?:具体的?)?(\S?权)?")
_ITEMS = re.compile(r"、|；|;|一是")
_POWER = r"(?<!扩)权(?![县镇区])"  # a power, not the 权 of 扩权强县
_POWERS = re.compile(r"、[^，,。；;]{0,15}?" + _POWER)  # …of powers asked (哪几项事权): a list ending in 权 (规划、建设等审批权)
# The list of powers handed down (有没有审批权、执法权的清单, 有没有以目录形式逐项公布), when that is all a clause asks:
# a sentence listing powers, not one counting them (下放…管理权限23项); not a list the asker keeps (我们核对事项清单要用).
_LIST_Q = re.compile(r"清单|目录")
_POWER_WORD = re.compile(_POWER + r"|事项")
# What became of a proposal (采纳了没有, 给了什么答复): only a sentence that says so answers it.
_OUTCOME = re.compile(r"采纳|答复|回复|批示")  # not 回应 (如何回应群众关切 asks how, not what became of it)
# Whether a plan's targets were met (完成了没, 实现了吗, 达到没有): a plan's own 力争到2015年… says what was wanted, not what
# came of it; only a sentence that reports something done (已完成, 实现了, 超额完成) answers it.
_DONE_Q = re.compile(r"(?:完成|实现|达到|达成|兑现|做到)(?:了)?(?:没|吗|没有|与否|了没)|(?:有没有|是否|有无)(?:如期|最终|真正|真的)?"
                     r"(?:完成|实现|达到|达成|兑现)|(?:完成|实现|达成)(?:情况|得怎么样|得如何)")
# …or that it was not (还没有实现责、权、利的统一): what came of it either way
_DONE = re.compile(r"已(?:经)?(?:全面|基本|如期|提前|超额)?(?:完成|实现|达到|达成)|(?:完成|实现|达到|达成)了|(?:如期|提前|超额)完成"
                   r"|(?:没有|没能|未能|尚未|未)(?:全面|完全|真正|如期)?(?:完成|实现|达到|达成)")
# Who holds a named post (组长是谁, 谁当组长, 哪位领导挂帅): the answer names that post or a person
# (以局长为组长, 主要领导同志为组长).
_WHO_HOLDS = re.compile(rf"({_ROLES})(?:分别|各|都)?(?:是|为|由)谁|谁(?:来)?(?:当|任|担任|出任)({_ROLES})|哪位(领导)")
# When something happened (什么时候, 何时): the answer gives a time (a year, a month, 20世纪80年代) next to a word of
# the question (2011年12月，我省启动了…: 启动), not the year of something else in the same sentence.
_WHEN_Q = re.compile(r"什么时候|何时|啥时候|哪个时候|几月|何年|何月|哪一?个?月")
# When something first happened (最早, 头一回): a sentence dating a beginning says so (早在, 率先, 首次)
_EARLIEST_Q = re.compile(r"最早|最先|最初|首次|第一次|头一回|头一次|率先")
_EARLIEST = {"早在", "最早", "最先", "率先", "首次", "首先"}
_TIME = re.compile(r"(?:19|20)\d{2}|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|世纪|年代")
# …or, when no passage gives one, an era (在改革开放初期…建立的)
_ERA = re.compile(_TIME.pattern + r"|(?:改革开放|新中国成立|建国)(?:之初|初期|以来|以后|之后|后)")
_YEAR = re.compile(r"(19|20)\d{2}(?=年)")
# A year that dates the document asked about (武胜县那份2011年的政府参阅材料里…比重的变化): not the year of the figure
_DOCUMENT_YEAR = re.compile(r"((?:19|20)\d{2})年(?:的|那份|那篇|那个|这份|这篇)?[^，,。？?；;、]{0,8}?"
                            r"(?:材料|报告|汇报|文章|论文|方案|参阅|文件|提案|调研|总结)")
# A year as a document gives it: 2012年, or the year of a document number (黔发改体改【2012】157号)
_YEAR_SAID = re.compile(_YEAR.pattern + r"|(?<=[〔【\[［(（])(?:19|20)\d{2}(?=\s*[〕】\]］)）])")
# A document's own date asked (日期, 哪年印发的, 什么时候出台的, 哪一年的方案)
_ISSUED_Q = re.compile(r"日期|印发|发布|出台|制定|下发|落款|成文|签发|发文|定稿|出的|写的|发的|哪一?年的")
_FULL_DATE = re.compile(r"(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}")
_POPULATION_SIZE = re.compile(r"人口(?:规模|总量|总数|数量)")
# what money went to (在污染治理和环境保护上一共投入了多少钱): a sentence of spending on something else does not answer
_SPENT_ON = re.compile(r"在([^，,。？?；;！!]{2,16}?)(?:方面|领域|上)(?:一共|总共|共|累计|前后)?(?:投入|投资|花|支出|安排|拿出)")
# …and money asked by what it was spent as (差旅、交通、会议费实际花了多少万元): a sentence naming that spending
_EXPENSE = re.compile(r"([\u4e00-\u9fff、]{2,12}?)(?:经费|费用|费|开支|支出)(?:实际|一共|总共|共|各|分别|都|到底)*"
                      r"(?:花了|用了|花费了?|支出了?|是|有|为|达到?)?多少")
_HEADCOUNT = re.compile(r"人口|人数|人员|职工|干部|编制")
_ACTUAL = re.compile(r"实际|现有|原有|原来|原先|目前|现状|现在|当前|如今")
# A time before (原来, 之前, 以前): how many people there were then (站所原来几个人) is told by a sentence that says so
# (以前…只有一名或两名工作人员), not by those sent since (抽调了几个人).
_EARLIER = re.compile(r"原来|原先|原本|以前|之前|此前|过去|当初|起初")
# How much faster work got (办事效率提了多少, 审批快了多少): a time that shrank (审批时间由原来平均7天缩减为3天), whatever
# the time measured; not the speed of other work (修路的速度)
_SPEED_Q = re.compile(r"效率|时效|(?:办事|审批|办理|服务)(?:的)?(?:速度|快了?多少|提速)")
_SHORTER = re.compile(r"缩短|缩减|减少|压缩|提速")
_TIMES = ("天", "小时", "分钟")
# Money lost (少收了多少钱, 减收多少): a figure of a fall (减收, 减少, 下降), not what was spent or raised.
_LOSS_Q = re.compile(r"少收|减收|少拿|少得|损失|流失")
_FALL = re.compile(r"少收|减收|减少|下降|降低|缩减|损失|流失|少了")
# A share (占多大比重, 权重, 百分之几) is answered by a share: a percentage, 百分点, a ratio or a fraction.
_SHARE_Q = re.compile(r"比重|权重|占比|比例|百分之几|几成|占(?:了|到)?多少")
_SHARE_UNITS = {"%", "‰", "百分点", "比例", "分数"}
# A change: a growth rate (比2008年增长32.4%) is no share of a whole unless the question asks how much it changed.
_GROWTH = re.compile(r"增长|增幅|增速|增加|提高|上升|下降|减少|降低|同比|环比")
# (按增量留 names the base of a split, not a change)
_CHANGE_Q = re.compile(r"[增涨升降减](?![量值])|提高|多了|少了|变化|变动|变了|几个点|比[^，,。？?；;！!]{0,8}?[前后]")
# An amount of money asked by the thing it is (多少违规使用的专项资金, 多少经费): the answer's figure is money, not the
# days or items of a sentence that mentions 资金.
# (A question asking two things, 投入多少资金，建了几个项目, may be answered by either: not gated.)
# 几个 before 多少 in one clause (给几个试点镇安排了多少专项资金): the towns in question, not a number asked
_DETERMINER = re.compile(r"几个(?=[^，,。？?；;！!、]*?多少)")
_MONEY_Q = re.compile(r"多少[^，,。？?；;！!]{0,8}?(?:资金|经费|钱|投资|收入|费用)"
                      r"|(?:资金|经费|投资|收入|费用|支出|金额)(?:是|有|为|大概|大约|约)*多少")  # 人均收入是多少: not 连续21年
# A figure whose metric the question does not name is described by the clauses before it when this many words of
# the question stand there (_described_before).
LEAD_WORDS = 3
_GENERIC_UNITS = {"个", "项", "%", "百分点", "比例", "分数"}
_CLASSIFIERS = {"项", "件", "家", "所", "座", "条"}  # a count of things by their own measure word, not by 个
# Words every document of the genre uses: they say nothing about which figure is asked for.
_GENRE_WORDS = set("扩权 强县 强镇 扩权强县 扩权强镇 强县扩权 试点 改革 工作 体制 省直管县 市管县 省管县 县市 一共 具体 "
                   "各自 分别 不同 方案 实施 下放 主要 情况 以后 之后 一般 "
                   # the request's words (请问相关材料中…): 相关 is no figure's metric (相关行政审批时间)
                   "请问 相关 有关 材料 资料 文件 文章 报告 论文".split())


def ask(question: str, index: Index, settings: Settings | None = None, llm: str | None = None,
        retriever: Retriever | None = None) -> Answer:
    """Answer a question from the corpus with verbatim citations, or refuse."""
    settings = settings or index.settings
    retriever = retriever or Retriever(index, settings)
    # the question is searched and gated as the documents write it (traditional characters, typed years, places typed
    # by sound, titles without 《》: `Retriever.as_read`), and the answer says how it was read
    asked, notes = retriever.as_read(question)
    answer = _answer(asked, index, settings, llm, retriever)
    return answer.model_copy(update={"question": question, "warnings": notes + answer.warnings})


def _answer(question: str, index: Index, settings: Settings, llm: str | None, retriever: Retriever) -> Answer:
    hits = retriever.search(question, k=settings.retrieval.k)
    support = supporting_citations(question, hits, retriever.regions_in(question), retriever.named_document(question),
                                   retriever.sources_named(question))
    if not support:
        return Answer(question=question, answer=REFUSAL, refused=True)
    backend = llm or settings.llm.backend
    if backend != "extractive":
        try:
            return _answer_llm(question, hits, support, settings, backend, index)
        except LLMError as exc:
            if not settings.llm.fallback_extractive:
                raise
            warning = f"LLM unavailable, extractive answer instead: {exc}"
            log.warning(warning)
            return _answer_extractive(question, support, index, [warning])
    return _answer_extractive(question, support, index, [])


def supporting_citations(question: str, hits: list[Hit], regions: list[str] | None = None,
                         named: str | None = None, sources: Collection[str] = ()) -> list[Citation]:
    """Sentences that can answer the question; empty means refuse. `regions`: the places it names (full
    names, as `Retriever.regions_in` finds them); by default those the gazetteer finds in it. `named`: the
    document it names by its title (`Retriever.named_document`): a count, a day, a name … is taken from it.
    `sources`: the documents of the sources it names (`Retriever.sources_named`), answering as a named place's do."""
    regions = query_regions(question) if regions is None else regions
    places = [short_name(name) for name in regions]
    question = _OPTIONAL.sub("", question)
    # (a query typed as keywords, 凤阳县 试点镇 数量, asks nothing itself: its spaces part words, not asks)
    question = as_question(_SPACED.sub("，", question) if _INTERROGATIVE.search(question) else question)
    if not hits:
        return []
    if _practice_untold(question, places, hits):
        return []
    covered = _regions_covered(places, hits)
    ranked = _ranked(question, hits, places, sources) if covered else []
    answered = _gate(question, ranked, places, hits, named) if covered else []
    asks = _gated_asks(question, places)
    several = len(asks) > 1
    # a question across sources or comparing two sides is answered by up to three sentences, any other by up to two
    size = 3 if (wants_several_documents(question) or comparison_sides(question)) and not _pinpoint(question) else 2
    kept = _distinct(answered)
    if kept and not (several and len(kept) == 1):
        return kept[:size]
    if not asks or asks == [question] or (not covered and not several):
        return []
    # 哪个省带的头？后来铺到了多少个省市？: no one sentence answers both asks, but each has its own sentence
    # (ranked by its own words); their first sentences answer. So does a question whose one ask is held back by
    # another sentence's year (1）武胜县2010年报了多少个项目？2）2019年那份总结怎么说？), and one whose only sentence
    # answering it whole answers one ask (每个股室有几个人，那个镇的站所原先有几个人: 以前…只有一名或两名工作人员).
    # When a place named is in no hit, an ask naming it is not answered, the others may be, each about the places it
    # names itself (1）凤阳县的领导小组谁任组长；2）2018年汇报中那个镇的…)
    firsts = [answer[0] for ask in asks
              if _regions_covered(own := places if covered else [p for p in places if p in ask], hits)
              and (answer := _gate(ask, _ranked(ask, hits, own, sources), own, hits, _named_in(ask, named, hits),
                                   question))]
    if not (firsts or kept) and covered and _asks_what_sources_say(question, places, sources):
        # 镇上修路建设施到底要投多少、资金缺口大不大？各家是怎么说的？: across sources, a 多少 beside asking what they
        # say is rhetorical; what they say answers (百业待兴…存在较大的缺口)
        return _distinct(ranked)[:size]
    return _distinct(kept + firsts)[:2]


def _asks_what_sources_say(question: str, places: list[str], sources: Collection[str] = ()) -> bool:
    """The question asks across sources, or of two or more it names (把凤阳县的汇报和临溪镇的方案里相关内容汇总给我), in a
    clause no gate checks, what they say or which problems they name (各家是怎么说的, 反映的问题主要有哪些, 两边各点了哪些毛病)."""
    across = wants_several_documents(question) or bool(_ACROSS.search(question)) or len(set(sources)) > 1
    return across and any(
        _SOURCES_SAY.search(clause) and not _gated(clause, places)
        for part in _SENTENCES.findall(question) for clause in _CLAUSES.split(part))


def _practice_untold(question: str, places: list[str], hits: list[Hit]) -> bool:
    """The question asks how a place went about the reform (湖北模式具体有哪些特点, 重庆的做法), and the documents
    found name each place it names only as one of a list (这里仅择取浙江、湖北、河南…之做法进行梳理): a paper that
    announces a province's model and then describes another's has nothing to say about it."""
    asked = [p for p in places if re.search(re.escape(p) + _PRACTICE_OF, question)]
    if not asked or asks_quantity(question) or which_place(question):
        return False
    prose = [s for text in {h.chunk.doc_id: h.document.text for h in hits}.values() for s in prose_sentences(text)
             if not _BIO_OR_FUND.search(s)]
    return not any(_names_alone(place, sentence) for place in places for sentence in prose)


_LAST_ITEM = re.compile(r"、[\u4e00-\u9fff]{2,3}[和及与]$")  # 四川和江苏: a list's last item; not 上海三市和辽宁省


def _names_alone(place: str, sentence: str) -> bool:
    """The sentence names the place other than as an item of a list of places (湖北、河南, 四川和江苏 after a 、)."""
    for match in re.finditer(re.escape(place), sentence):
        before, after = sentence[: match.start()], sentence[match.end() :].lstrip("省市")
        if not (after.startswith("、") or before.endswith("、") or _LAST_ITEM.search(before)):
            return True
    return False


def _distinct(citations: list[Citation]) -> list[Citation]:
    """Each passage once, in order: two overlapping chunks hold the same sentence (张斌介绍…两层含义 in chunks 0 and 1)."""
    kept: dict[tuple[str, int, int], Citation] = {}
    for citation in citations:
        kept.setdefault((citation.doc_id, citation.start, citation.end), citation)
    return list(kept.values())


def as_question(query: str) -> str:
    """The question a keyword query stands for (武胜县 户籍人口 总数 → …总数是多少); any other query as it is."""
    text = query.strip().rstrip("。.，,；;！!？?")  # 武胜县总人口？ is keywords with a question mark
    if _INTERROGATIVE.search(text):
        return query
    return next((tail.sub(word, text) for tail, word in _KEYWORD_ASKS if tail.search(text)), query)


def _named_in(ask: str, named: str | None, hits: list[Hit]) -> str | None:
    """The document the question names by its title, for an ask of it that names it too (3）《市管县和省管县》把起点
    定在哪个年代: not 1）国务院首次批准…是在哪一年, which another paper answers), or when no hit shows the title."""
    title = next((h.document.title for h in hits if h.chunk.doc_id == named), None)
    return named if named and (title is None or names_title(ask, title)) else None


def _ranked(question: str, hits: list[Hit], places: list[str], sources: Collection[str] = ()) -> list[Citation]:
    """The sentences of the hits that match the question; for a question about a place, from that place's
    documents or sentences, or from the other sources it names."""
    # a masthead names the authors (楚明锟1 崔会敏2 …) and so matched every question naming one: it answers only where
    # the paper appeared and where its authors work
    about_person = bool(_ABOUT_PERSON_Q.search(question))
    front = about_person or bool(_VENUE_Q.search(question) or _PUBLISHED_Q.search(question))
    ranked = [c for score, c in rank_sentences(question, hits, 8) if score >= 2 and (front or not is_masthead(c.quote))]
    if about_person:  # 第二作者哪年出生, 职称是什么: an author's bio (崔会敏（1974-)，女，…副教授)
        ranked += [c for c in _bios(question, hits) if c not in ranked]  # shares no word with the question
    if _RECEIVED_Q.search(question) or _FUND_Q.search(question):  # 编辑部哪一天收到稿件, 哪个基金资助: front matter
        ranked += [c for h in hits for c in received_dates(h) if c not in ranked]
    if not places:
        return ranked
    about = {h.chunk.doc_id for h in hits if _about_place(h, places)} | set(sources)
    topical = {w for w in content_tokens(question) - _GENRE_WORDS if not any(p in w for p in places)}
    # From a document about the place, any ranked sentence; from another document that merely
    # names the place, only a sentence that also says something the question asks about.
    return [c for c in ranked if c.doc_id in about
            or (any(p in c.quote for p in places) and any(w in c.quote for w in topical))]


def _about_place(hit: Hit, places: list[str]) -> bool:
    """The hit's document is about one of the places (short names): its region or its title names it."""
    return any(p in (hit.document.region.most_specific() or "") or p in hit.document.title for p in places)


def _asked_part(question: str) -> str:
    """The question without the asker's own sentences that ask no figure (我想在成效部分折算人均指标。, not 我想知道
    户籍人口有多少。): they may name figures (人均) that the question does not ask for. (They do say what is asked
    about, 我们镇也是缺地缺气: ranking sentences without them lost answers on eight sets.)"""
    parts = _SENTENCES.findall(question)
    kept = (part for part in parts if not _own_sum(part) and (not _OWN_CONTEXT.match(part) or asks_quantity(part)))
    return "".join(kept) or question


def _bios(question: str, hits: list[Hit]) -> list[Citation]:
    """The sentences of the hits that give a birth year, of the person the question names if it names one the hits
    hold (孙学玉哪年出生: not 崔会敏's)."""
    names = _persons_named(question, hits)
    return [c for h in hits for c in body_sentences(h) + author_bios(h)
            if _BIRTH.search(c.quote) and (not names or any(n in c.quote for n in names))]


def _persons_named(question: str, hits: list[Hit]) -> list[str]:
    """The people the question names (words that are names, 周天勇; not 范学院 of 师范学院) whom the hits' documents
    name too (a masthead the hits may not hold)."""
    text = "".join({h.chunk.doc_id: h.document.text for h in hits}.values())
    return sorted(w for w in set(tokenize(question)) if re.fullmatch(_NAME, w) and w in text)


def _gated_asks(question: str, places: list[str]) -> list[str]:
    """The sentences of a question that each ask for a kind of fact a gate checks (a figure, a place, a name …)."""
    asks: list[str] = []
    # the asker's own statement asks nothing (我想在报告中说明试点镇的人口规模。: 人口规模 is what the answer is for)
    for part in (part for part in _SENTENCES.findall(question) if part.strip() and not _own_statement(part)):
        # a sentence of several asks between commas (每个股室有几个人，那个镇相关站所原先有几个人，…归因于什么):
        # each is an ask of its own
        clauses = _CLAUSES.split(part)
        gated = [clause for clause in clauses if _gated(clause, places)] if len(clauses) > 1 else []
        asks += gated if len(gated) > 1 else [part] if _gated(part, places) else []
    return asks


def _own_statement(sentence: str) -> bool:
    """A sentence of the asker's own (我想…, 打算…) with no word that asks, or a sum it means to work out from the answer."""
    return _own_sum(sentence) or (bool(_OWN_CONTEXT.match(sentence))
                                  and not _INTERROGATIVE.search(_OWN_DECISION.sub("", sentence)))


def _own_sum(sentence: str) -> bool:
    """A sentence about a sum the asker works out from the answer (我想据此算一算…有多少, 测算人均指标要用到)."""
    return bool(_OWN_SUM.match(sentence)) or (bool(_OWN_USE.match(sentence)) and not _INTERROGATIVE.search(sentence))


def _gated(ask: str, places: list[str]) -> bool:
    """The ask asks for a kind of fact a gate checks: a figure, a place of some level, a name, a time …"""
    return bool(asks_quantity(ask) or which_place(ask) or _answer_tests(ask, places))


def _gate(question: str, ranked: list[Citation], places: list[str], hits: list[Hit],
          named: str | None, whole: str | None = None) -> list[Citation]:
    """The ranked sentences that give what the question asks for: the figure, the place, the name, the time …"""
    if asks_quantity(question):
        # the asker's own sentences describe no figure asked: 我想在成效部分折算人均指标 after 户籍人口有多少 asks no 人均
        asked = _asked_part(question)
        stated = [c for c in ranked if _states_quantity(asked, c, places, hits)]
        ranked = stated if stated or not _compares_how(question, places) else ranked
    # …but 哪个镇 after two towns named (临溪镇和蒲场镇…哪个镇把农业写进了定位) chooses between them: their passages answer
    if (level := which_place(question)) and not _chooses_among(question, places):
        ranked = [c for c in ranked if _names_place(c.quote, _PLACE_LEVELS[level], places, level == "区")
                  or _own_place(c, hits, level, places)]
    tests = _answer_tests(question, places)
    told = _passing(ranked, tests)
    if not told and _WHEN_Q.search(question):
        told = _passing(ranked, _answer_tests(question, places, eras=True))
    ranked = told
    # 周天勇在哪个单位: not 楚明锟's masthead; an ask of a question of several sentences is about the people the
    # question names before it (周天勇的东西我读过不少。他写…那篇文章的时候，是在哪个单位工作的？)
    if _ABOUT_PERSON_Q.search(question) and (names := _persons_named(question, hits) or _persons_named(whole or "", hits)):
        ranked = [c for c in ranked if any(n in c.quote for n in names)]
    if named and (tests or _pinpoint(question)):  # 扩权强区改革实施方案是哪一天印发的: not another plan's date
        ranked = [c for c in ranked if c.doc_id == named]
    elif _DAY_Q.search(question) and hits and not wants_several_documents(question) and not comparison_sides(question):
        # …nor when it describes the plan without its title (区里推进扩权强区的那份改革方案是哪一天印发的): the day of
        # the document found first, not the masthead date of another plan further down
        ranked = [c for c in ranked if c.doc_id == hits[0].chunk.doc_id]
    return ranked


def _passing(ranked: list[Citation], tests: list[Callable[[str], object]]) -> list[Citation]:
    """The ranked sentences that pass every test."""
    return [c for c in ranked if all(says_it(c.quote) for says_it in tests)]


def _chooses_among(question: str, places: list[str]) -> bool:
    """The question names two or more places before asking which of them (哪个镇, 哪一个)."""
    asked = _WHICH_PLACE.search(question) or _PLACES_ASKED.search(question)
    return asked is not None and len({p for p in places if p in question[: asked.start()]}) >= 2


def _answer_tests(question: str, places: list[str], eras: bool = False) -> list[Callable[[str], object]]:
    """What a sentence must say to answer each kind of question this one is (a journal, a person, a post, a time …),
    built once per question."""
    tests: list[Callable[[str], object]] = [named.search for asked, named in _NAMED_IN_ANSWER if asked.search(question)]
    if _PROCEDURE_Q.search(question):
        tests.append(_names_procedure)
    if outcome := _OUTCOME.search(question):
        word = outcome.group(0)
        tests.append(lambda sentence: word in sentence)
    if _DONE_Q.search(question):
        tests.append(_DONE.search)
    tests += [named.search for asked, named in ((_SANCTION_Q, _SANCTION), (_ASSESSMENT_Q, _ASSESSMENT))
              if _only_asks(question, asked)]
    if _only_asks(question, _LIST_Q) and _POWER_WORD.search(question):
        tests.append(_POWERS.search)
    if item := _THIS_ITEM_Q.search(question):
        words = content_tokens(item.group(1))
        tests.append(lambda sentence: bool(words) and all(w in sentence for w in words))
    if _DOC_NUMBER_Q.search(question) and _WHICH_DOCUMENT_Q.search(question):
        tests.append(lambda sentence: "《" in sentence)
    if items := _ITEMS_Q.search(question):
        tests.append(_POWERS.search if items.group(1) else _ITEMS.search)
    if who := _WHO_HOLDS.search(question):
        post = who.group(1) or who.group(2) or who.group(3)
        # …held by a named person or by another post (由镇党委书记任组长), not the post merely named (书记由谁担任:
        # 由镇党委书记任组长 does not say who is 书记)
        tests.append(lambda sentence: re.search(rf"(?:任|为|当|担任|出任|兼任){post}", sentence) or _PERSON.search(sentence))
    if asks_quantity(question):
        # a rate asked by its name (城镇化率是多少) is told by a sentence naming what it rates (城镇化), not by the
        # 城镇居民人均可支配收入 of a sentence sharing the word 城镇; 效率 is no rate in figures
        stems = {w[:-1] for w in tokenize(question) if len(w) >= 3 and w.endswith("率") and not w.endswith("效率")}
        if stems:
            tests.append(lambda sentence: all(stem in sentence for stem in stems))
    if _WHEN_Q.search(question):
        # 扩权强县 too: it may be what began; not a person's name: 王振涛提案是哪年哪月提交的 asks when he proposed, not
        # when the pilot that his text dates began (王振涛…反映：2011年12月，我省启动了扩权强县试点)
        tags = word_tags()
        words = {w for w in content_tokens(question) if not any(p in w for p in places)
                 and not (re.fullmatch(_NAME, w) and w not in tags)}
        if _EARLIEST_Q.search(question):  # 最早啥时候开始扩权: 早在1992年…进行扩权 dates the start
            words |= _EARLIEST
        times = _ERA if eras else _TIME
        tests.append(lambda sentence: _tells_when(sentence, words, times))
    return tests


def _only_asks(question: str, asked: re.Pattern[str]) -> bool:
    """Every clause of the question that asks something asks this (规定了什么样的处分或者问责办法), and one does."""
    asking = [clause for clause in _CLAUSES.split(question) if _INTERROGATIVE.search(clause)]
    return bool(asked.search(question)) and all(asked.search(clause) for clause in asking)


# Asking how, besides how much (放多少、怎么放): a comparison of two places is answered by its how without the figure.
_HOW = re.compile(r"怎么|怎样|如何|咋|啥|什么")


def _compares_how(question: str, places: list[str]) -> bool:
    """A comparison of places or sides that asks how as well as how much (两边在放多少、怎么放上有啥差别; 底子厚的县
    和底子薄的县效果差多少，各自靠啥): no sentence giving the figure does not make it unanswerable."""
    return (len(set(places)) > 1 or bool(comparison_sides(question))) and bool(_HOW.search(question))


def _tells_when(sentence: str, words: set[str], times: re.Pattern[str] = _TIME, window: int = 20) -> bool:
    """The sentence dates what the question asks about: a time within `window` characters of one of its words (the
    gap between the two, so that a full date's own length, 2009-08-05, does not count against it)."""
    spots = [m.span() for w in words for m in re.finditer(re.escape(w), sentence)]
    return any(max(m.start() - end, start - m.end(), 0) <= window for m in times.finditer(sentence)
               for start, end in spots)


# 哪个镇 / 哪些县 / 哪个省: the answer names a place of that level (not the one the question names).
# not 哪些县域…排名, nor the places of the sources asked (哪些县、镇的材料写了…: the citations name them)
# (哪些省下来了: 省 saves, it names no province)
_WHICH_PLACE = re.compile(r"哪(?:些|几个|一个|个)(?:地级|县级|副省级|地区级)?(省(?![下了掉去出])|市|县|区|镇|乡)(?![域级委场民])"
                          r"(?!(?:[、和与及][省市县区镇乡])*的?(?:材料|文件|报告|汇报|方案|文章|总结|调研|提案))"
                          r"(?![”\"’」』]?(?:这个|这一|的)?(?:问题|方面)上)")  # 放权给哪些县这个问题上: a topic, not an ask (in quotes too)
# …or the level before it, the question ending there (第一批试点县都有哪些，列个名单; not 扩权强县有哪些好处).
# (那13个县市，具体都是哪几个: the clause break and 具体都 between)
_PLACES_ASKED = re.compile(r"(省|市|县|镇|乡)[，,]?(?:都|分别|主要|具体|一共){0,2}(?:有|是|包括)?哪(?:些|几个)(?=[，,。？?；;！!]|$)")
# …or its name (云南那个搞试点的县到底叫啥名, 那个镇的名字叫什么)
_PLACE_NAMED_Q = re.compile(r"(省|市|县|区|镇|乡)(?:的?名字|的?名称)?(?:到底|究竟|具体)?(?:是|就)?叫(?:什么|啥)")

# The 直辖市, provinces in the gazetteer, are cities to a question asking 哪几个市 when a sentence lists them
# (北京、天津、上海三市), not when it names one in passing (为在经济上和上海接轨).
_MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
_PLACE_LEVELS = {"省": {"province"}, "市": {"city", "county", "municipality"}, "县": {"county", "city"},
                 "区": {"county"}, "镇": {"town"}, "乡": {"town"}}


def asks_quantity(question: str) -> bool:
    """A count, amount, share or year question (多少项, 几个县, 哪一年), not one asking for a few examples."""
    text = _FEW.sub(_without_few, _SEVERAL.sub("", _declared_few(question)))
    # 几个地方搞扩权强镇，办公室都设在哪: a few things the question goes on to ask something else of
    if (subject := _FEW_SUBJECT.search(text)) and _OTHER_ASK.search(text, subject.end()):
        text = text[: subject.start()] + text[subject.end() :]
    return bool(_QUANTITY.search(text))


def _declared_few(question: str) -> str:
    """The question without the 几 and 多少 of a sentence it states beside the sentence that asks (还有几个挺形象的叫法。
    都是怎么叫的？ 心里多少有点不服气。 拿到多少权就要担多少责。): said with a full stop beside a question mark and
    requesting nothing, they are "a few", "somewhat", "as much as", not a number asked."""
    parts = _SENTENCES.findall(question)
    if not any(part.rstrip().endswith(("？", "?")) for part in parts):
        return question
    return "".join(_STATED_COUNT.sub("", part) if part.rstrip().endswith(("。", "！", "!")) and not _REQUEST.search(part)
                   else part for part in parts)


def _without_few(clause: re.Match[str]) -> str:
    """A clause that asks something else of a few things (几个试点镇在做规划这块都是咋搞的, 说说几家主打的是啥,
    先拿几个地方试还是全铺开) without its 几: they are some, not a number asked."""
    text = clause.group(0)
    uncounted = _FEW_COUNTER.sub("", text)
    return uncounted if _OTHER_ASK.search(uncounted) else text


def which_place(question: str) -> str | None:
    """The level of place a question asks to be named (哪个镇, 试点县都有哪些), or None."""
    question = _OWN_DECISION.sub("", question)  # 我们评估哪些县适合…时想参考这篇: the asker's own work
    match = _WHICH_PLACE.search(question) or _PLACES_ASKED.search(question) or _PLACE_NAMED_Q.search(question)
    if match is None:
        return None
    # 那13个县市都是哪几个: counties and county-level cities, not the 直辖市 a list of provinces ends with
    return "县" if match.group(1) == "市" and question[match.start(1) - 1 : match.start(1)] == "县" else match.group(1)


def _names_place(sentence: str, levels: set[str], asked: list[str], district: bool = False) -> bool:
    """The sentence names a place of these levels other than those asked about; a district (哪个区) by its 区."""
    mentions = find_mentions(sentence)
    listed = {short_name(m.name) for m in mentions} & _MUNICIPALITIES
    return any((m.level in levels or ("municipality" in levels and len(listed) > 1 and short_name(m.name) in listed))
               and short_name(m.name) not in asked and (not district or m.name.endswith("区"))
               for m in mentions)


def _own_place(citation: Citation, hits: list[Hit], level: str, asked: list[str]) -> bool:
    """A county's or a town's own document names itself (我县, 全县, 本镇): the place of that level it is about,
    other than those asked about (材料里哪些县给出了具体说法: 武胜县's report, 从而使我县获得项目的机会…)."""
    if level not in ("县", "镇", "乡") or not re.search(f"[我本全][{level}]", citation.quote):
        return False
    region = next(h.document.region for h in hits if h.chunk.doc_id == citation.doc_id)
    own = region.county if level == "县" else region.town
    return own is not None and short_name(own) not in asked


def _pinpoint(question: str) -> bool:
    """A question with one right sentence: a count, an amount, a year, or which place."""
    return bool(asks_quantity(question) or which_place(question))


def _cites(claim: Claim, support: list[Citation]) -> bool:
    return any(c.doc_id == s.doc_id and c.start < s.end and s.start < c.end for c in claim.citations for s in support)


def _regions_covered(shorts: list[str], hits: list[Hit]) -> bool:
    """Every place the question names (short names) appears in the retrieved evidence, or holds a place it names
    that the evidence is about (贵州省 of 绥阳县蒲场镇的方案, a plan that never writes 贵州)."""
    for short in shorts:
        if not any(short in h.chunk.text or short in (h.document.region.most_specific() or "")
                   or _holds_named(h.document.region, short, shorts) for h in hits):
            return False
    return True


def _holds_named(region: Region, short: str, shorts: list[str]) -> bool:
    """`short` is a parent (province, city, county) of the region, and the question names the region itself."""
    place = region.most_specific() or ""
    parents = (region.province, region.city, region.county)
    return any(short in (p or "") for p in parents if p != place) and any(o != short and o in place for o in shorts)


def _states_quantity(question: str, citation: Citation, places: list[str], hits: list[Hit]) -> bool:
    """The sentence gives the asked-for quantity: from one of the two best-matching documents, for the
    year the question names, and a figure whose metric (or counter) the question names — or, for
    哪一年, a year next to the place asked about. An actual value (实际, 现有) is not a target."""
    hit = next(h for h in hits if h.chunk.chunk_id == citation.chunk_id)
    # …the three best when the question asks across documents (几份材料…有没有讲到一个股室只有几个人)
    top_docs = list(dict.fromkeys(h.chunk.doc_id for h in hits))[: 3 if wants_several_documents(question) else 2]
    # …or about the place the question names: the hits of a question naming three sources interleave them (武胜县发改局
    # 每个股室有几个人，2018年那个镇…，政协委员的材料…: 武胜县's report comes third)
    if citation.doc_id not in top_docs and not _about_place(hit, places):
        return False
    # 2011年那篇论文的第二作者哪年出生: the paper's year is not the one asked; a birth year stands in brackets, without 年
    if _BIRTH_Q.search(question) and _BIRTH.search(citation.quote):
        return True
    if not _same_year(question, citation, hit):
        return False
    if _YEAR_Q.search(question):
        # a plan about the place dated in its masthead (临溪镇的方案…日期是哪年哪月哪日: 实施方案 2009-08-05), which
        # need not name the place
        # — when the question asks when the plan was dated or issued, not when it ends (到哪一年结束, 什么时候验收)
        return _year_near(citation.quote, places) or bool(_FULL_DATE.search(citation.quote) and _about_place(hit, places)
                                                          and _ISSUED_Q.search(question))
    asked = _PURPOSE.sub("", question)  # 我想算一下人均数: why it is asked, not what (人均纯收入 is no population)
    asked = _POPULATION_SIZE.sub("人口", asked)  # 人口规模 is a population: not 规模以上工业企业总产值
    # 在污染治理和环境保护上投入了多少钱, 差旅、交通、会议费花了多少万元: not what the county spent on roads
    if any(spent and not _names_any(spent.group(1), citation.quote, places)
           for spent in (_SPENT_ON.search(asked), _EXPENSE.search(asked))):
        return False
    words = {w for w in (content_tokens(asked) | set(sentence_terms(asked))) - _GENRE_WORDS
             if not any(p in w for p in places)}  # 出差的开销 is asked by the words of 差旅…支出比重
    fits = _kind_asked(question)
    speed = bool(_SPEED_Q.search(asked))
    population = bool(re.search("人口|口人", asked))
    counter, counted = _asked_counter(question), _counted_noun(question)
    earlier = bool(_EARLIER.search(asked))
    figures = sorted((f for f in hit.chunk.figures if citation.start <= f.start < citation.end), key=lambda f: f.start)
    for previous, figure in zip([None, *figures], figures, strict=False):
        if not fits(figure):
            continue
        if speed and _family(figure.unit) in _TIMES and _SHORTER.search(citation.quote):
            return True
        if counted and _counts(figure, hit.document.text, counted) \
                and (counted != "人" or _names_own(_clause_before(figure, citation, hit.document.text), words)):
            return True  # the noun it counts is what the question asks about (几个部门: 9部门); 几个人 counts the people
            # of something the question names in the figure's clause (每个股室有几个人: 且每个股室仅有2—3人, not
            # 调查组一共几个人), or of one of its offices (一个部门才几个人: 每个股室仅有2—3人)
        if counted == "人" and earlier and _family(figure.unit) == "人" \
                and _EARLIER.search(_clause_before(figure, citation, hit.document.text)):
            return True  # 站所原来几个人: the people there were before, however counted (以前…只有一名或两名工作人员)
        if (counter and _family(figure.unit) != _family(counter.group(1))) or (counted and not counter):
            continue
        if counter and _family(counter.group(1)) == "人" and _HEADCOUNT.search(figure.metric or "") \
                and _names_counted(question[counter.end() : counter.end() + 2], figure, hit.document.text) \
                and _names_counted(_people_before(question[: counter.start()]), figure, hit.document.text):
            return True  # 住多少人 asks for a headcount: 镇区人口5万人 gives one, whatever the question calls it
        metric = figure.metric or ""
        if any(office in metric for w in words for office in _OFFICES_OF.get(w, ())):
            return True  # 部门的规模: 27个处室
        unit_named = figure.unit not in _GENERIC_UNITS and any(_names_unit(w, figure.unit, metric, population) for w in words)
        if unit_named or any(w in metric or (len(metric) >= 2 and metric in w) for w in words) \
                or _described_before(figure, previous, citation, hit.document.text, words):
            return True
        if counter and (noun := question[counter.end() : counter.end() + 1]) and "\u4e00" <= noun <= "\u9fff" \
                and noun in metric:
            return True  # 放了几项权: the noun after the counter (权) names the figure's metric (管理权限23项)
    return False


def _names_own(clause: str, words: set[str]) -> bool:
    """The clause names a word of the question, or an office of one (部门: 股室, 处室, 科室)."""
    return any(w in clause or any(office in clause for office in _OFFICES_OF.get(w, ())) for w in words)


def _names_any(topic: str, sentence: str, places: list[str]) -> bool:
    """The sentence names a word of the topic (污染治理和环境保护: 污染, 治理, 环境 …), places and the reform's own
    words aside; a topic of no such word is named by any sentence."""
    words = {w for w in content_tokens(topic) - _GENRE_WORDS if len(w) > 1 and not any(p in w for p in places)}
    return not words or any(w in sentence for w in words)


def _asked_counter(question: str) -> re.Match[str] | None:
    """The counter a question asks for (多少项, 几个人), but not a ratio worked out from the figures it asks first
    (处室数与股室数各是多少，相差几倍: the two counts answer it)."""
    counter = _COUNTER.search(question)
    if counter and counter.group(1) == "倍" and re.search(r"多少", question[: counter.start()]):
        return None
    return counter


def _described_before(figure: Figure, previous: Figure | None, citation: Citation, text: str, words: set[str]) -> bool:
    """Three words of the question in the clauses that lead to the figure from the figure before it (安排财力实施民生
    工程，投资达1.8亿元: its metric is 投资, the question asks 多少财力投在民生工程上)."""
    lead = text[previous.end if previous else citation.start : figure.start]
    places = [m.name for m in find_mentions(lead)]  # 大庙镇、刘府镇… name where, not what was counted
    return sum(1 for w in words if w in lead and not any(w in p for p in places)) >= LEAD_WORDS


def _clause_before(figure: Figure, citation: Citation, text: str) -> str:
    """The figure's clause up to the figure (县调研组发现，每个股室仅有2至3人 → 每个股室仅有)."""
    lead = text[citation.start : figure.start]
    return re.split(r"[，,；;：:]", lead)[-1]


def _kind_asked(question: str) -> Callable[[Figure], bool]:
    """A test of the kind of figure the question asks for: not a target when an actual value is asked (实际, 现有),
    a share for a share (占多大比重), money for money asked by its name (多少专项资金), a distance for how far, people
    for a population (总人口是多少: not an income per head), and a registered population (户籍人口) for one: 镇区人口达到
    5万人 counts residents, and as a target."""
    question = _DETERMINER.sub("", question)
    actual, share = bool(_ACTUAL.search(question)), bool(_SHARE_Q.search(question))
    money = bool(_MONEY_Q.search(question)) and len(_QUANTITY.findall(question)) == 1
    population = "人口" in question  # 总人口是多少，城镇和农村人口各占多少: people, or their shares
    split = share and not _CHANGE_Q.search(question)  # 按什么比例分成 asks a split, not how fast something grew
    distance, registered = bool(_DISTANCE_Q.search(question)), "户籍" in question
    loss = bool(_LOSS_Q.search(question))

    def fits(figure: Figure) -> bool:
        return not ((actual and figure.is_target) or (share and figure.unit not in _SHARE_UNITS)
                    or (split and _GROWTH.search(figure.quote)) or (money and _family(figure.unit) != "元")
                    or (distance and _family(figure.unit) != "距离")
                    or (population and _family(figure.unit) != "人" and not share)
                    or (registered and _family(figure.unit) == "人" and "户籍" not in figure.quote)
                    or (loss and not _FALL.search(figure.quote)))

    return fits


def _names_counted(noun: str, figure: Figure, text: str) -> bool:
    """The people a headcount question counts (多少名干部 → 干部) are what the figure counts: named in its metric or
    right after it (抽调了多少名干部 is not answered by 只有一名或两名工作人员); a question naming none (住多少人) takes
    any headcount."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2}", noun) or noun in ("左右", "以上"):
        return True
    return noun in (figure.metric or "") or noun in text[figure.end : figure.end + 6]


def _people_before(text: str) -> str:
    """The people a headcount is asked of just before its counter (抽去充实站所的干部一共有多少人 → 干部), or ""."""
    match = re.search(r"(人口|人员|职工|干部)(?:一共|总共|共|合计|总计)?(?:有|是|为)?$", text)
    return match.group(1) if match else ""


def _names_unit(word: str, unit: str, metric: str, population: bool) -> bool:
    """A question word names a figure's unit (多少万元, 几个省份: 省), except that a question asking 人口 (or 多少口人)
    asks for a population: a count of 人 that is no population (每个股室仅有2—3人) does not answer 户籍人口有多少, nor
    户籍总人口…请给出具体人数. A word that only holds 人 (工作人员, 人均) names people of its own kind: 有多少工作人员
    is not answered by 镇区人口5万人."""
    if population:
        return unit in word and "人口" in metric
    if unit == "人" and word not in ("人", "人数", "人次"):
        return word in metric
    return unit in word


def _counted_noun(question: str) -> str | None:
    """The noun a count question counts (几个县 → 县, 纳入试点的镇有几个 → 镇), or None."""
    question = _DETERMINER.sub("", question.replace("省份", "省"))  # 省份有多少个 counts 省 (19省), not a document's 份
    question = _BRACKETED.sub("", question)  # 省(市)一共有多少个 counts 省
    match = _COUNTED.search(question) or _COUNTED_BEFORE.search(question)
    return match.group(1) if match else None


def _counts(figure: Figure, text: str, noun: str) -> bool:
    """A figure that counts `noun` (几个县: 17个县（市）, 试点县12个; 几个部门: 9部门; 几个工作人员: 两名工作人员; not
    4个直辖市 or 24个省（市）)."""
    after, metric = text[figure.end : figure.end + 3], figure.metric or ""
    if figure.unit == "个":
        return any(n in after or n in metric for n in (noun, *_MEMBERS.get(noun, ())))
    if figure.unit in _CLASSIFIERS and metric.endswith(noun):
        return True  # 权限有多少个: 管理权限23项, counted by its own classifier
    # a count of people by the noun (工作人员), not by 人 alone: 抽调了几个人 is no 两名工作人员
    return noun in figure.unit or (_family(figure.unit) == "人" and noun != "人" and (noun in after or noun in metric))


def _family(unit: str) -> str:
    return _UNIT_FAMILY.get(unit, unit)


def _same_year(question: str, citation: Citation, hit: Hit) -> bool:
    """A question about year Y is answered by a sentence of year Y, one in a passage that names Y
    (力争到2015年，… then the targets), or a document of year Y — unless the sentence dates its figures
    to other years only (asked for 2011, 2010年实现国内生产总值… is no answer, whatever year the report is from)."""
    years = {m.group(0) for m in _YEAR.finditer(question)}
    dated = {m.group(0) for m in _YEAR.finditer(citation.quote)}
    # the year of the document asked about holds when the passage is from it, whatever years its figures are of
    figure_years = years - {m.group(1) for m in _DOCUMENT_YEAR.finditer(question) if str(hit.document.year) == m.group(1)}
    if figure_years and dated and not figure_years & dated:
        return False
    return all(y in citation.quote or y in hit.chunk.text or y in hit.document.title or str(hit.document.year) == y
               for y in years)


def _year_near(sentence: str, places: list[str], window: int = 40) -> bool:
    years = [m.start() for m in _YEAR_SAID.finditer(sentence)]
    if not places:
        return bool(years)
    spots = [i for p in places for i in range(len(sentence)) if sentence.startswith(p, i)]
    return any(abs(y - s) <= window for y in years for s in spots)


def _answer_extractive(question: str, support: list[Citation], index: Index, warnings: list[str]) -> Answer:
    claims, dropped = verify_claims([claim_from_citation(c) for c in support], index.store.document)
    if not claims:
        return Answer(question=question, answer=REFUSAL, refused=True, warnings=warnings + dropped)
    return Answer(question=question, answer="".join(c.text for c in claims), claims=claims,
                  citations=[c for claim in claims for c in claim.citations], warnings=warnings + dropped)


def _answer_llm(question: str, hits: list[Hit], support: list[Citation], settings: Settings, backend: str,
                index: Index) -> Answer:
    """The model's verified claims; when it refuses or none survives, the evidence gate's own
    supporting sentences (`support`, never empty here): the model alone does not refuse."""
    model = chat_model(settings, backend)
    assert model is not None
    claims, refused = draft_answer_llm(CachedJSON(model, settings.paths.llm_cache_dir), question, hits,
                                       settings.llm.answer_sentences)
    verified, dropped = verify_claims(claims, index.store.document, threshold=settings.verify.fuzzy_threshold,
                                      candidates=[c for hit in hits for c in sentence_citations(hit)],
                                      min_support=settings.verify.min_support)
    if refused or not verified:
        return _answer_extractive(question, support, index, dropped + ["LLM answer had no verified claim"])
    if _pinpoint(question) and not any(_cites(claim, support) for claim in verified):
        # A count, a year or a which-place question has one right sentence, and the gate found it: an
        # answer that leaves it out answers something else (the model picked a neighbouring sentence).
        lead, _ = verify_claims([claim_from_citation(support[0])], index.store.document)
        verified = lead + verified
        dropped = dropped + ["the model's answer missed the sentence that states what was asked; it leads"]
    answer = "".join(c.text if c.text.endswith("。") else c.text + "。" for c in verified)
    return Answer(question=question, answer=answer, claims=verified,
                  citations=[c for claim in verified for c in claim.citations], warnings=dropped)
