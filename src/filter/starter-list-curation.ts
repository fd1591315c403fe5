/**
 * What the starter list leaves out of the LDNOOBW lists (`naughty-words`), and why. The lists are
 * written for search filters; a customer-service chat is full of the ordinary words they contain.
 * Every dropped entry falls under one of the reasons below (see docs/filter.md).
 */

/** English entries that are ordinary words or product terms in a shop's chat, or that the skip rule would build from ordinary phrases. */
export const DROPPED_ENGLISH: Readonly<Record<string, string>> = {
  // ordinary words, names and product terms
  'alaskan pipeline': 'ordinary', 'baby juice': 'baby products', 'ball kicking': 'sports', 'big black': 'ordinary (big black bag)',
  'birdlock': 'bird cage lock', 'bung hole': 'brewing', bunghole: 'brewing', butt: 'pork butt, butt joint',
  'chocolate rosebuds': 'chocolates', 'cleveland steamer': 'kitchen appliance', 'clover clamps': 'hardware', cock: 'rooster, stopcock',
  cocks: 'rooster', cornhole: 'lawn game', creampie: 'bakery (cream pie)', cum: 'Latin (cum laude, bedroom-cum-study)', dick: 'a name',
  'dirty pillows': 'hotel complaint', domination: 'ordinary', escort: 'ordinary', fecal: 'medical test', fingering: 'music',
  'girl on': 'ordinary phrase', 'girl on top': 'ordinary phrase', 'golden shower': 'a tree (Cassia fistula)', 'goodpoop': 'pet products',
  'hard core': 'ordinary', hardcore: 'ordinary (hardcore gamer)', hooker: 'rugby', 'how to kill': 'pest control', 'huge fat': 'ordinary phrase',
  intercourse: 'ordinary (social intercourse)', 'jelly donut': 'food', kinky: 'hair products', 'lemon party': 'catering',
  lolita: 'fashion style', lovemaking: 'skip rule builds it from "love making"', 'make me come': 'ordinary phrase', mong: 'a name',
  negro: 'Spanish colour name in product listings', nipple: 'baby bottles', nipples: 'baby bottles', nude: 'colour (nude lipstick)',
  panties: 'underwear shop', panty: 'panty liner', pegging: 'currency pegging', playboy: 'brand', poof: 'ordinary', ponyplay: 'toys (pony play set)',
  rectum: 'medical', scat: 'jazz', scissoring: 'hairdressing', sex: 'gender on forms', sexo: 'Spanish/Portuguese', sexual: 'ordinary (sexual harassment)',
  sexually: 'ordinary', sexuality: 'ordinary', sexy: 'fashion', shrimping: 'fishing', skeet: 'sport shooting', snatch: 'ordinary',
  snowballing: 'ordinary', spunk: 'ordinary (British)', 'strap on': 'ordinary (strap on the helmet)', strapon: 'skip rule builds it from "strap on"',
  suck: 'vacuum cleaners', sucks: 'ordinary', 'sultry women': 'perfume', swinger: 'golf', 'tainted love': 'a song', 'taste my': 'ordinary phrase',
  'tied up': 'ordinary', 'tight white': 'clothing', tit: 'a bird', 'tongue in a': 'ordinary phrase', topless: 'cars', tranny: 'car transmission',
  twinkie: 'snack brand', undressing: 'ordinary', vibrator: 'massage device', 'wrapping men': 'gift wrapping', xx: 'placeholder', xxx: 'placeholder',
  coon: 'cat breed (Maine Coon)', coons: 'cat breed', 'white power': 'white power bank, white power adapter',
  'tea bagging': 'tea packaging', 'barely legal': 'ordinary idiom',
  's&m': 'normalises to `sm`, which is every Samsung model code (SM-A556E)', '🖕': 'an emoji: skipped like every symbol',
};

/** Chinese entries that are single characters of ordinary words, ordinary words, names, or product terms. */
export const DROPPED_CHINESE: Readonly<Record<string, string>> = {
  乳: '乳液', 卵: '卵石', 奶: '牛奶', 奸: '奸商', 姦: '奸', 幹: '干 (干净)', 性: '性价比', 爛: '烂', 賤: '贱卖', 逼: '逼迫',
  柒: 'the formal numeral 7', 鳩: 'dove', 撚: '捻', '13.': 'version numbers, lists', '13点': '1 p.m.', 十三点: '13:00', 九游: 'a game platform',
  刚度: 'stiffness', 包皮: 'medical', 卵子: 'medical', 月经: 'sanitary products', 乳房: 'medical', 乳头: 'baby bottles', 处女: '处女座 (Virgo), 处女作',
  成人: '成人票 (adult ticket)', 激情: 'ordinary', 祖宗: 'ordinary', 老二: 'second child', 老母: 'mother', 屁股: 'ordinary', 私服: 'casual clothes',
  野鸡: 'pheasant', 靠背: 'backrest', 靠腰: 'ordinary', 靠北: '靠北边 (north side)', 靠爸: '靠爸妈', 靠母: '靠母亲', 肥西: 'a county (肥西县)',
  贝肉: 'scallop meat', 小肉粒: 'food', 后庭: 'courtyard', 吹箫: 'playing the xiao', 打飞机: 'toys and games', 撒尿: 'pet products',
  烂货: 'complaint about shoddy goods', 交配: 'pet breeding', 你全家: '祝你全家幸福', 妈妈的: 'mother\'s', 娘的: '姑娘的',
  他娘: 'his mother', 你娘: 'your mother', 你妈: '你妈妈', 他妈: '他妈妈', 他奶奶: 'his grandmother', 他奶奶的: 'his grandmother\'s',
  你奶奶的: 'your grandmother\'s', 干你: '干你的活', 日你: '生日你…', 插你: '插你的卡', 想上你: '想上你们的课', 卖比: '卖比较便宜',
  妈比: '妈比我…', 机八: '手机八折', 机巴: '手机巴…', 几八: '十几八个', 鸡八: '鸡八块', 干七八: '干七八个小时', 鸡吧: '吃鸡吧 (gaming)',
  硬膠: 'hard glue', 杂种: '杂种狗 (mixed-breed dog)', 淫: '淫羊藿 (a herb)', 精子: 'medical (精子检测试纸)', 笨實: 'sturdy', 粉腸: 'food', 你老闆: 'your boss',
};
