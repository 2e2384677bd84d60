/**
 * Shipped defaults of the insights rules: comment categories with their keywords (zh and en) and the stop words
 * of the themes. A site replaces the categories or adds stop words in kiosk-config (sites.json, `insights`).
 * Keywords are plain substrings (zh) or whole words and phrases (en, case-insensitive); transparency over cleverness.
 */

/** One category: a comment belongs to it when one of its keywords occurs, not negated and not inside an exception. */
export interface CategoryRule {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly keywords: { readonly zh: readonly string[]; readonly en: readonly string[] };
  /** Longer phrases that contain a keyword but do not mean it (垃圾桶 is a bin, not an insult). */
  readonly except?: readonly string[];
  /** A negation just before the keyword cancels it (不耐心 is not praise). */
  readonly negatable?: boolean;
  /** Also given when the comment falls in one of these categories (improper charges are urgent). */
  readonly alsoWhen?: readonly string[];
  /** Shown to admins only; others see the words masked. */
  readonly adminOnly?: boolean;
}

/** Category codes the classifier treats specially: personal is matched on the hall's staff, spam also by shape. */
export const PERSONAL = 'personal';
export const SPAM = 'spam';
export const PROFANITY = 'profanity';

export const DEFAULT_CATEGORIES: CategoryRule[] = [
  {
    code: 'praise', zh: '表扬', en: 'Praise', negatable: true,
    keywords: {
      zh: ['谢谢', '感谢', '点赞', '表扬', '好评', '耐心', '热情', '热心', '贴心', '细致', '周到', '专业', '满意', '不错', '很好', '好', '方便', '顺利', '辛苦了', '负责', '微笑', '快', '利索', '暖', '客气', '高效', '实在', '给力', '细心', '认真', '用心', '棒', '优秀', '舒心', '省心', '及时', '好评', '感动', '搞定', '温柔', '效率真高', '效率高'],
      en: ['thank', 'thanks', 'thank you', 'great', 'good', 'excellent', 'helpful', 'kind', 'friendly', 'patient', 'polite', 'professional', 'efficient', 'appreciate', 'grateful', 'smoothly', 'fast', 'quick', 'nice', 'no complaints', 'courteous', 'happy', 'satisfied', 'well organised', 'well organized', 'smooth', 'best', 'wonderful', 'amazing', 'five stars', 'pleasant', 'appreciated', 'patiently', 'brilliant'],
    },
  },
  {
    code: 'attitude', zh: '服务态度与业务能力', en: 'Attitude and competence',
    keywords: {
      zh: ['态度差', '态度不好', '态度恶劣', '态度生硬', '不耐烦', '不耐心', '没有耐心', '没耐心', '爱答不理', '不理人', '玩手机', '打电话', '聊天', '黑着脸', '凶', '训人', '太冲', '阴阳怪气', '打断', '不尊重', '刁难', '不专业', '不熟练', '不懂业务', '离岗', '喝茶', '说不清楚', '解释不清', '蛮横', '冷漠', '敷衍', '不礼貌', '没礼貌', '脸色', '白眼', '凶巴巴', '呵斥', '吼', '骂人', '推脱', '不作为', '不在岗', '看手机', '爱理不理', '傲慢', '摆架子', '冷冰冰', '不负责', '头都没抬', '头也不抬', '没抬头', '什么态度', '饭桶', '早退', '提前下班', '提前关'],
      en: ['rude', 'impatient', 'unhelpful', 'not helpful', 'not friendly', 'unfriendly', 'unprofessional', 'shouted', 'aggressive', 'chatting', 'on her phone', 'on his phone', 'looking at her phone', 'refusing to help', "didn't explain", 'idiots', 'dismissive', 'arrogant', 'rolled her eyes', 'rolled his eyes', 'ignored', 'yelled', 'disrespectful', 'lazy', 'sent me away', 'indifferent', 'careless', 'personal call', 'refused', 'closed the counter', 'closed early', 'on the phone'],
    },
  },
  {
    code: 'waiting', zh: '等候与效率', en: 'Waiting and efficiency',
    keywords: {
      zh: ['排队', '等了', '干等', '等候的', '小时', '分钟', '半天', '太慢', '办得慢', '效率', '速度', '很快', '快速', '当天', '叫号', '取号', '预约', '窗口太少', '开得太少', '多开', '无人', '没人办', '加急', '延长', '工作日', '快一点', '不取号', '耽误', '慢', '磨蹭', '拖拉', '人太多', '人多', '等待', '久等', '三天', '太久', '等到', '重新排', '周末', '才有人'],
      en: ['wait', 'waited', 'waiting', 'queue', 'hour', 'minutes', 'slow', 'fast', 'quick', 'efficient', 'forever', 'took long', 'open more windows', 'queue number', 'booking', 'lunch break', 'restart', 'long', 'lunchtime', 'not enough staff', 'hours', 'delay', 'delayed', 'weekend', 'weekends'],
    },
  },
  {
    code: 'process', zh: '流程与材料', en: 'Process and paperwork',
    keywords: {
      zh: ['流程', '手续', '繁琐', '复杂', '麻烦', '盖章', '章', '证明', '重复提交', '材料太多', '复印件', '推来推去', '推诿', '踢皮球', '没人负责', '让我去', '又让我回来', '跑来跑去', '现场要求', '网上', '一窗通办', '联系了其他部门', '手写', '系统不支持', '卡住', '折腾', '开证明', '不归', '不受理', '退回', '格式', '表格', '重复', '来回跑', '几个地方', '打回', '要求都变', '十几份', '不让办', '种说法', '哪个部门', '哪个窗口', '准备材料', '份材料'],
      en: ['paperwork', 'procedure', 'process', 'forms', 'stamps', 'signatures', 'another department', 'one counter to another', 'takes responsibility', 'paper copy', 'online booking', 'bureaucracy', 'forms', 'same information', 'requirements', 'documents', 'application form', 'which office', 'different document', 'asks the same'],
    },
  },
  {
    code: 'told_once', zh: '一次性告知', en: 'Told everything at once',
    keywords: {
      zh: ['一次性', '一次就', '一次讲清', '跑了三趟', '又跑了', '白跑', '跑了两趟', '第四次', '三次', '补材料', '要补', '又让我回去', '缺一样', '没告诉', '没有说明', '说法不一致', '说法都不一样', '说法不一', '注意事项', '材料清单', '所有材料', '回去拿', '不一样', '没人讲', '没说', '早说', '指南上写', '再跑', '第二次', '第三次', '没讲', '才告诉', '还要去', '种说法', '每次要求'],
      en: ['come back', 'came back', 'second visit', 'wasted a trip', 'in one go', 'all the documents', 'explained everything', 'forgot to tell', 'missing information', 'go online', 'three times', 'third visit', 'also needed', 'nobody told', 'not told', 'again', 'each visit', 'one visit', 'different document', 'every visit'],
    },
  },
  {
    code: 'environment', zh: '环境与设施', en: 'Environment and facilities',
    keywords: {
      zh: ['空调', '太冷', '太热', '座位', '厕所', '卫生间', '停车', '车位', '饮水', '自助机', '打印机', '取号机', '系统', '环境', '干净', '脏', '无障碍', '轮椅', '垃圾桶', '指示牌', '找不到', '太吵', '灯', '台阶', '滑', '插座', '消防通道', '笔', '指南', '另一栋楼', '叫号系统', '椅子', '电梯', '洗手液', '抽烟', '烟味', '楼梯', '屏幕', '暖气', '网络', '信号', 'wifi', '洗手间', '维修', '通风', '闷热'],
      en: ['air conditioning', 'cold', 'hot', 'seats', 'toilet', 'toilets', 'parking', 'water', 'printer', 'machine', 'sign', 'wheelchair', 'clean', 'dirty', 'floor', 'slippery', 'screen froze', 'hall', 'lift', 'elevator', 'flooded', 'screen', 'chairs', 'smoking', 'smells', 'stairs', 'wifi', 'toilet', 'ventilation', 'stuffy', 'signs', 'signposted'],
    },
  },
  {
    code: 'charges', zh: '违规收费与吃拿卡要', en: 'Improper charges and requests',
    keywords: {
      zh: ['收费', '乱收费', '收了我', '收了两次', '好处费', '红包', '加急费', '吃拿卡要', '索要', '购物卡', '私下收钱', '交五百', '收钱', '没有开票', '不开票', '元可以', '塞钱', '给钱', '交钱', '收费标准', '中介', '黄牛', '另外交', '拉客', '兜售', '转账', '个人账户', '私下'],
      en: ['charged', 'fee', 'fees', 'for money', 'bribe', 'bribes', 'gift card', 'receipt', 'yuan', 'pay', 'money', 'speed up', 'charge', 'tip', 'cash', 'transfer to his', 'transfer to her'],
    },
    except: ['工本费'],
  },
  { code: 'personal', zh: '涉及具体人员', en: 'Personal mention', keywords: { zh: [], en: [] } },
  {
    code: 'profanity', zh: '不文明用语', en: 'Profanity', adminOnly: true,
    keywords: {
      zh: ['他妈', '妈的', '傻逼', '傻b', '傻x', '煞笔', '脑残', '混蛋', '王八蛋', '草泥马', '垃圾', '滚蛋', '操你', '废物', '狗屁', '卧槽', '我靠', '尼玛', '你妈', '饭桶', '滚你', '滚开'],
      en: ['fuck', 'fucking', 'shit', 'bullshit', 'damn', 'crap', 'idiot', 'idiots', 'bastard', 'wtf'],
    },
    except: ['垃圾桶', '垃圾分类', '垃圾清理'],
  },
  {
    code: 'spam', zh: '无意义或广告', en: 'Spam or nonsense',
    keywords: {
      zh: ['加微信', '加v', '贷款', '放款', '兼职', '刷单', '代办证', '测试', '联系qq', '代开发票', '发票', '推广', '微信号', '刷好评', '联系微信'],
      en: ['test', 'loan', 'loans', 'casino', 'click here', 'http', 'www', 'followers', 'dot com', '.com', 'buy', 'my shop', 'discount'],
    },
  },
  {
    code: 'urgent', zh: '紧急', en: 'Urgent', alsoWhen: ['charges', 'fell', 'bleeding', 'threats', 'security', 'blood'],
    keywords: {
      zh: ['晕倒', '摔倒', '受伤', '打人', '动手', '救命', '报警', '着火', '火灾', '冒烟', '威胁', '报复', '跳下去', '自杀', '走丢', '安全', '出事', '消防通道', '快来人', '不舒服', '孕妇', '急救', '抽搐', '晕', '中暑', '门缝', '夹住', '砸东西', '情绪失控', '流血', '出血', '摔了'],
      en: ['fainted', 'collapsed', 'fire', 'smoke', 'threatened', 'threat', 'knife', 'injured', 'get hurt', 'emergency', 'help!', 'lost in the hall', 'police', 'unwell', 'ambulance'],
    },
  },
];

/** Words too common in a hall's comments to be a theme (zh and en); a site adds its own. */
export const DEFAULT_STOP_WORDS: string[] = [
  '的', '了', '是', '在', '我', '你', '他', '她', '我们', '他们', '这', '那', '就', '都', '也', '还', '又', '很', '太', '非常', '一个', '一下',
  '没有', '不', '有', '要', '让', '说', '和', '给', '把', '被', '到', '去', '来', '吗', '吧', '呢', '啊', '什么', '怎么', '这个', '那个', '可以',
  '能', '会', '就是', '还是', '已经', '因为', '所以', '但是', '而且', '然后', '结果', '请问', '希望', '建议', '一次', '现在', '今天', '时候',
  '有人', '能不能', '一点', '一样', '一些', '不要', '不能', '还要', '自己', '怎么办', '的话',
  // particles ICU gives as words of their own (讲 | 得很 | 清楚, 耐心 | 地 | 讲解): a theme neither starts nor ends with one
  '得', '地', '着', '过', '得很', '得太',
  'the', 'a', 'an', 'and', 'or', 'is', 'are', 'was', 'were', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'it', 'i', 'me', 'my', 'we', 'you',
  'they', 'he', 'she', 'this', 'that', 'be', 'have', 'had', 'do', 'did', 'not', 'no', 'very', 'so', 'too', 'please', 'all',
];
