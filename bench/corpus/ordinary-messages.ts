/**
 * Ordinary customer-service messages, Chinese and English, generated deterministically from
 * templates: orders, refunds, shipping, product codes, dates, prices, addresses, order numbers.
 * None contains anything a filter should touch: with the starter list on, every one must come out
 * unchanged (no match at all, not even a flag). No phone numbers or e-mails: those are PII.
 */
import { seededRandom } from '../../src/simulator/deterministic-random.js';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const digits = (random: Random, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const PRODUCTS_EN = [
  'Galaxy A55 (SM-A556E)',
  'iPhone 15 Pro',
  'AirPods Pro 2',
  'WH-1000XM5 headphones',
  'RTX4070Ti card',
  'MacBook Air M2 (MK3T2CH/A)',
  'PS5 controller',
  'X1 Carbon Gen 11',
  'DJI Mini 4 Pro',
  'A5 notebook',
  'USB-C 65W charger',
  'B550M motherboard',
  'Xiaomi 14 Ultra',
  'Lenovo Y9000P',
  'glass water bottle',
  'cocktail dress',
  'bass guitar strings',
  'compass watch',
  'classic denim jacket',
  'cotton hoodie',
  'Essex tea set',
  'Sussex mug',
  'passport holder',
  'massage chair',
  'grasshopper toy',
  'assorted cookies',
  'brass lamp',
  'Scunthorpe United scarf',
  'Dickens box set',
  'shiitake mushrooms',
  'Hancock sofa',
  'cockpit phone mount',
  'title deed folder',
  'E5-2680 CPU',
  'SSD 1TB (MZ-V8V1T0)',
  'GT-I9300 battery',
  'Model 3 floor mats',
  'S23 case',
];
const PRODUCTS_CN = [
  '小米14 Ultra',
  '华为Mate 60 Pro',
  '牛肉棒',
  '鸡肉棒',
  '纯棉T恤',
  '保温杯',
  '奶瓶奶嘴乳头',
  '面霜',
  '空气炸锅',
  '扫地机器人',
  '蓝牙耳机',
  '充电宝',
  '西瓜',
  '羽绒服',
  '运动鞋',
  '儿童座椅',
  '猫粮',
  '狗粮',
  '洗衣液',
  '黄色情侣装',
  '玻尿酸精华液',
  '靠背椅',
  '办公椅',
  '手机壳',
  '床垫',
];
const COLORS_EN = ['black', 'white', 'navy', 'grey', 'rose gold', 'olive', 'nude beige'];
const COLORS_CN = ['黑色', '白色', '红色', '黄色', '粉色', '浅灰色', '深蓝色'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL', '38', '42', '44.5', 'EU 40', 'US 9'];
const CITIES = [
  'Shanghai',
  'Beijing',
  'Shenzhen',
  'London',
  'Essex',
  'Middlesex',
  'Penistone',
  'Scunthorpe',
  'Cockburnspath',
  'Toronto',
  'Sydney',
];
const ADDRESSES_EN = [
  'Room 1203, Building 5, 88 Zhongshan Road, Shanghai 200001',
  'Flat 5, 12 Essex Road, London N1 2SE',
  '1600 Amphitheatre Pkwy, Mountain View, CA 94043',
  '221B Baker Street, London NW1 6XE',
  'Unit 7, 45 Cockburn Street, Edinburgh EH1 1BS',
  '3/F, 18 Sussex Street, Sydney NSW 2000',
  '10 Downing St, London SW1A 2AA',
];
const ADDRESSES_CN = [
  '上海市浦东新区张江路123号5栋1203室',
  '北京市朝阳区建国路88号SOHO现代城2号楼',
  '广州市天河区体育西路101号',
  '深圳市南山区科技园南区8栋',
  '杭州市西湖区文三路478号',
  '成都市武侯区人民南路四段12号',
  '合肥市肥西县上派镇繁华大道9号',
];
const COMPANIES_CN = ['上海某某科技有限公司', '北京星辰贸易有限公司', '深圳市前海创新网络科技有限公司'];
const CARRIERS = ['SF', 'YT', 'ZTO', 'JD', 'JT'];

/** Order numbers customers paste: date-prefixed, JD-style 12 digits, marketplace 19 digits, letters and dashes. */
function orderNumber(random: Random): string {
  switch (between(random, 0, 5)) {
    case 0:
      return `2024${String(between(random, 1, 12)).padStart(2, '0')}${String(between(random, 1, 28)).padStart(2, '0')}${digits(random, between(random, 8, 12))}`;
    case 1:
      return `3${digits(random, 11)}`;
    case 2:
      return `${between(random, 1, 4)}${digits(random, 18)}`; // marketplace: declared as an order shape in the demo policy
    case 3:
      return `SO-2024-${digits(random, 5)}`;
    case 4:
      return `#${digits(random, 6)}`;
    default:
      return `${between(random, 24, 25)}${digits(random, 4)}-${digits(random, 15)}`;
  }
}

const tracking = (random: Random): string => `${pick(random, CARRIERS)}${digits(random, 13)}`;
const dateEn = (random: Random): string =>
  pick(random, [
    `2024-${between(random, 10, 12)}-${String(between(random, 1, 28)).padStart(2, '0')}`,
    `${between(random, 1, 28)}/11/2024`,
    `Nov ${between(random, 1, 28)}`,
    'Monday',
    'next Friday',
  ]);
const dateCn = (random: Random): string =>
  pick(random, [
    `${between(random, 1, 12)}月${between(random, 1, 28)}日`,
    '明天',
    '下周一',
    `2024年11月${between(random, 1, 28)}号`,
  ]);
const priceEn = (random: Random): string =>
  pick(random, [
    `$${between(random, 5, 999)}.${digits(random, 2)}`,
    `£${between(random, 5, 300)}`,
    `€${between(random, 5, 300)},${digits(random, 2)}`,
  ]);
const priceCn = (random: Random): string =>
  pick(random, [`¥${between(random, 9, 9999)}`, `${between(random, 9, 999)}元`, `￥1,${digits(random, 3)}.00`]);

const ENGLISH: ReadonlyArray<(r: Random) => string> = [
  (r) => `Hi, where is my order ${orderNumber(r)}? It was supposed to arrive on ${dateEn(r)}.`,
  (r) => `I'd like a refund for order ${orderNumber(r)}, the ${pick(r, PRODUCTS_EN)} arrived damaged.`,
  () => 'Please ship it as soon as possible.',
  (r) => `Can I change the delivery address to ${pick(r, ADDRESSES_EN)}?`,
  (r) => `The tracking number ${tracking(r)} hasn't updated since ${dateEn(r)}.`,
  (r) => `Is the ${pick(r, PRODUCTS_EN)} available in ${pick(r, COLORS_EN)}, size ${pick(r, SIZES)}?`,
  (r) => `I paid ${priceEn(r)} but was charged twice, see order ${orderNumber(r)}.`,
  (r) => `Do you ship to ${pick(r, CITIES)}? How long does it take as a rule?`,
  (r) => `My ${pick(r, PRODUCTS_EN)} stopped working after ${between(r, 2, 40)} days, as far as I can tell.`,
  (r) => `Thanks, as agreed I'll return the ${pick(r, PRODUCTS_EN)} by ${dateEn(r)}.`,
  () => 'Could you pass the message to the shipping team? I need an update as well as a new date.',
  () => 'The glass bottle cracked in transit, can I get a replacement or a refund?',
  (r) =>
    `Can you class this as a gift? It's for my assistant, and the passage of the card should read "Happy ${between(r, 20, 60)}th".`,
  (r) => `Can I pay the balance of ${priceEn(r)} with a gift card? The analysis on my bank app says it failed.`,
  (r) => `Please add ${between(r, 2, 9)} x ${pick(r, PRODUCTS_EN)} to order ${orderNumber(r)}, as I mentioned.`,
  (r) => `Hello, I ordered at ${between(r, 1, 12)}:${between(r, 10, 59)} pm and paid ${priceEn(r)}, is it shipped yet?`,
  () => 'No wasabi I said, the sushi set came with wasabi anyway.',
  (r) => `An invoice for order ${orderNumber(r)} please, company name Hancock & Sons Ltd, VAT ${digits(r, 9)}.`,
  (r) => `Is there an US plug version of the ${pick(r, PRODUCTS_EN)}, or only UK?`,
  (r) => `The package was left at the door of ${pick(r, ADDRESSES_EN)} but I was not home.`,
  () => 'I assume the assessment of my claim is done? The harassment of daily emails has to stop, as I asked.',
  (r) => `My passport holder is the wrong colour: I chose ${pick(r, COLORS_EN)}, I got white.`,
  (r) => `Order ${orderNumber(r)}: the box says 3 x 5 inches but it is 4 x 6.`,
  (r) => `Can I swap size ${pick(r, SIZES)} for ${pick(r, SIZES)}? Tracking ${tracking(r)}.`,
  () => 'Does the Galaxy A55 (SM-A556E) support dual SIM and 5G in the UK?',
  (r) => `My coupon code SAVE${between(r, 5, 50)} does not work at checkout.`,
  (r) => `Do you have the white power bank (${between(r, 10, 30)}000 mAh) in stock?`,
  () => 'Is the Maine Coon cat food grain-free? My cat is a Maine Coon.',
  () => 'Did you see the shot a minute ago? The parcel is clearly crushed.',
  () => 'We need a tea bagging machine quote, and the parking at your depot is barely legal.',
];

const CHINESE: ReadonlyArray<(r: Random) => string> = [
  (r) => `你好，我的订单${orderNumber(r)}什么时候发货？`,
  (r) => `我想申请退款，订单号${orderNumber(r)}，${pick(r, PRODUCTS_CN)}有破损。`,
  () => '请尽快发货，谢谢！',
  () => '我们增加微信支付了吗？',
  () => '能开发票吗？我需要增值税专用发票。',
  (r) => `快递单号${tracking(r)}，一直显示运输中，${dateCn(r)}能到吗？`,
  (r) => `收货地址改成${pick(r, ADDRESSES_CN)}可以吗？`,
  (r) => `${pick(r, PRODUCTS_CN)}有${pick(r, COLORS_CN)}的吗？要${pick(r, SIZES)}码。`,
  (r) => `价格是${priceCn(r)}，能便宜点吗？`,
  () => '好的，as agreed，我明天寄回。',
  () => '我妈的手机坏了，能保修吗？',
  (r) => `这款${pick(r, PRODUCTS_CN)}是什么口味的？`,
  () => '出口交易需要报关吗？',
  () => '个性爱好定制可以吗？',
  () => '西瓜批发价是多少？',
  () => '这个流程可以替代开发票的步骤吗？',
  (r) => `发票抬头写${pick(r, COMPANIES_CN)}，税号91310115MA1K${digits(r, 5)}X。`,
  () => '生日你们有优惠吗？',
  () => '这款手机八折吗？',
  (r) => `我想参加${dateCn(r)}的活动，怎么报名？`,
  (r) => `订单${orderNumber(r)}能增加一个数量吗？`,
  (r) => `${dateCn(r)}下单的，付了${priceCn(r)}，还没发货。`,
  () => '请把我的订单改成顺丰快递，我的会员卡号在账户里。',
  (r) => `第一次买，${pick(r, PRODUCTS_CN)}怎么用？`,
  () => '注册那边一直提示验证码错误。',
  () => '这个味道很古老味道，是传统做法吗？',
  (r) => `型号${pick(r, ['SM-A556E', 'A55', 'RTX4070Ti', 'MK3T2CH/A', 'WH-1000XM5', 'Y9000P'])}的现货有吗？`,
  () => '玻尿酸注射精华怎么用？',
  () => '太阳能板具有防水功能吗？',
  () => '宝宝喝的牛奶可以加热吗？',
  (r) => pick(r, CHINESE_FIXED),
  (r) => pick(r, CHINESE_FIXED),
];

// Fixed questions from shop chats around words the starter list holds (goods, pets, health, family).
const CHINESE_FIXED =
  `请问这个商品什么时候有货？|我想退货，质量太差了|能不能帮我改一下收货地址|我要投诉你们的快递员态度很差|这个是正品吗，有没有假货|
优惠券怎么用不了|可以货到付款吗|支持七天无理由退货吗|我的包裹被别人签收了|这个奶粉适合几个月的宝宝|鸡蛋是土鸡蛋吗|牛肉干有没有辣的|狗粮适合小狗吃吗|
这件内裤是纯棉的吗|内衣有没有大码|卫生巾是日用还是夜用|这个屁股垫坐着舒服吗|我要买成人纸尿裤|请问有操作说明书吗|这个日期是生产日期还是过期日期|
你们周日上班吗|今日下单明日到吗|干燥剂能吃吗|饼干是什么口味|若干天后还没到|他妈妈买的，想退|你妈妈的快递到了|他奶奶的生日礼物|逼不得已才退货|
她是处女座的，送什么礼物好|这个杂种狗能吃吗|日本进口的吗|卵石摆件有货吗|乳液和面霜哪个先用|豆乳可以加热吗|性价比最高的是哪款|贱卖清仓吗|烂了一个苹果|
操心死了，什么时候发货|这个射灯多少瓦|注射器是一次性的吗|阴天能晒干吗|龟苓膏保质期多久|淫羊藿是什么|插头是国标的吗|插座带USB吗|这个颜色情况说明一下|
精子活力检测试纸准吗|路口交通便利吗|我妈的生日快到了`.split(/\|\s*/);

/** `count` messages (default 2,400), half Chinese, half English, the same on every run. */
export function ordinaryMessages(count = 2400, seed = 20261201): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => pick(random, i % 2 === 0 ? CHINESE : ENGLISH)(random));
}
