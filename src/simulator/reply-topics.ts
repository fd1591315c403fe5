/**
 * What the simulator talks about: support topics recognised from the question's keywords, each with
 * whole sentences in English and Chinese. Markdown pieces (steps, bold, a link) use ` \n` for line
 * breaks so every token still starts with a space, which keeps `reply.split(' ')` equal to the tokens.
 */
export type TopicName = 'shipping' | 'refund' | 'order' | 'password' | 'payment' | 'general';

export interface TopicText {
  /** The first sentence; `{order}` is replaced by the order number when the question names one. */
  openers: readonly string[];
  facts: readonly string[];
  /** A Markdown block shown after the opener when the reply is long enough. */
  markdown?: string;
}

export interface Topic {
  name: TopicName;
  keywords: RegExp;
  /** Whether the Markdown block is always used (otherwise about half the time, seeded). */
  markdownAlways: boolean;
  en: TopicText;
  zh: TopicText;
}

export const TOPICS: readonly Topic[] = [
  {
    name: 'shipping',
    keywords:
      /\b(ship|ships|shipping|shipped|deliver\w*|parcel|package|courier|tracking|track|abroad|postage)\b|物流|快递|发货|配送|运费|包裹|寄到/i,
    markdownAlways: false,
    en: {
      openers: ['Happy to help with your delivery.', 'Here is how shipping works with us.'],
      facts: [
        'Orders leave our warehouse within one business day.',
        'Standard delivery takes three to five business days.',
        'You will get a tracking link by e-mail as soon as the parcel is on its way.',
        'We ship to most countries, and the checkout shows the cost for yours.',
        'Express delivery arrives the next business day if you order before 2 pm.',
      ],
      markdown:
        'Shipping is **free on orders over $50**, and you can follow your parcel on [our tracking page](https://example.com/track).',
    },
    zh: {
      openers: ['很高兴为您解答配送问题。', '下面是我们的配送说明。'],
      facts: [
        '订单会在一个工作日内从仓库发出。',
        '普通快递一般需要三到五个工作日送达。',
        '包裹发出后，我们会通过短信发送物流单号。',
        '我们可以配送到大部分国家和地区，运费在结算页面显示。',
        '下午两点前下单可选择次日达。',
      ],
      markdown: '订单满五十元即可**免运费**，您也可以在[物流查询页面](https://example.com/track)查看包裹位置。',
    },
  },
  {
    name: 'refund',
    keywords: /\b(refunds?|refunded|returns?|returned|returning|money back|reimburs\w*)\b|退款|退货|退钱|退回/i,
    markdownAlways: false,
    en: {
      openers: ['I can help you with a refund.', 'Here is how refunds work.'],
      facts: [
        'You can return any item within 30 days of delivery.',
        'Refunds go back to the original payment method.',
        'Once we receive the item, the refund takes three to five business days.',
        'Items must be unused and in their original packaging.',
        'We send you an e-mail as soon as the refund is on its way.',
      ],
      markdown:
        'To start a return: \n1. Open **My orders** in your account. \n2. Choose the item and select **Return**. \n3. Print the label and drop the parcel at any post office.',
    },
    zh: {
      openers: ['我来帮您处理退款问题。', '下面是退款的流程。'],
      facts: [
        '收到商品三十天内都可以申请退货。',
        '退款会原路返回到您的支付账户。',
        '我们收到退货后，退款一般在三到五个工作日内到账。',
        '退回的商品需要保持未使用并带有原包装。',
        '退款发出后，我们会通过短信通知您。',
      ],
      markdown: '申请退货： \n1. 打开**我的订单**。 \n2. 选择商品，点击**退货**。 \n3. 把包裹交给快递员。',
    },
  },
  {
    name: 'password',
    keywords: /\b(password|passwords|log ?in|login|sign ?in|locked|account|2fa)\b|密码|登录|登陆|账号|账户/i,
    markdownAlways: true,
    en: {
      openers: ['Sorry you are having trouble signing in.', 'Let us get you back into your account.'],
      facts: [
        'The reset link in the e-mail is valid for 30 minutes.',
        'Check your spam folder if the e-mail does not arrive within a few minutes.',
        'For your security, we never ask for your password in the chat.',
        'After five failed attempts, the account is locked for 15 minutes.',
      ],
      markdown:
        'To reset your password: \n1. Open the **Sign in** page. \n2. Select **Forgot password** and enter your e-mail address. \n3. Follow the link we send you and choose a new password.',
    },
    zh: {
      openers: ['抱歉给您的登录带来不便。', '我来帮您找回账户。'],
      facts: [
        '邮件中的重置链接三十分钟内有效。',
        '如果几分钟内没有收到邮件，请查看垃圾邮件文件夹。',
        '为了您的账户安全，我们不会在聊天中索要密码。',
        '连续五次输入错误后，账户会被锁定十五分钟。',
      ],
      markdown: '重置密码： \n1. 打开**登录**页面。 \n2. 点击**忘记密码**。 \n3. 按邮件中的链接设置新密码。',
    },
  },
  {
    name: 'payment',
    keywords:
      /\b(pay|paid|paying|payment|payments|card|charge|charged|invoice|invoices|billing|bill)\b|支付|付款|扣款|发票|信用卡|银行卡/i,
    markdownAlways: false,
    en: {
      openers: ['I can help you with your payment.', 'Here is what you need to know about payments.'],
      facts: [
        'We accept all major credit cards, PayPal and Apple Pay.',
        'Your card is charged only when the order ships.',
        'Invoices can be downloaded from the billing section of your account.',
        'A declined payment never creates an order, so you can simply try again.',
        'If you see a charge twice, the second one is a hold that disappears within a few days.',
      ],
      markdown:
        'You can download every invoice under **Account > Billing**, or ask us at [billing@example.com](mailto:billing@example.com).',
    },
    zh: {
      openers: ['我来帮您解答支付问题。', '下面是关于付款的说明。'],
      facts: [
        '我们支持银行卡、支付宝和微信支付。',
        '商品发货时才会从您的账户扣款。',
        '发票可以在账户的账单页面下载。',
        '支付失败不会生成订单，您可以直接重新支付。',
        '如果看到重复扣款，其中一笔是预授权，几天内会自动退回。',
      ],
      markdown: '您可以在**账户 > 账单**中下载所有发票，也可以发邮件到 [billing@example.com](mailto:billing@example.com) 咨询。',
    },
  },
  {
    name: 'order',
    keywords: /\b(orders?|ordered|purchase\w*|bought|cancel\w*)\b|订单|下单|取消|购买/i,
    markdownAlways: false,
    en: {
      openers: ['I can help you with {order}.', 'Let me look into {order} for you.'],
      facts: [
        'You can see the status of every order under My orders in your account.',
        'An order can be changed or cancelled until it leaves our warehouse.',
        'The confirmation e-mail lists every item and the delivery address.',
        'The status changes to Shipped as soon as the parcel is on its way.',
        'If something is missing from your order, we send the item again at no cost.',
      ],
    },
    zh: {
      openers: ['我来帮您查询{order}。', '很高兴为您处理{order}的问题。'],
      facts: [
        '您可以在账户的我的订单页面查看每个订单的状态。',
        '订单发货前都可以修改或取消。',
        '确认邮件中列出了所有商品和收货地址。',
        '包裹发出后，订单状态会更新为已发货。',
        '如果订单中缺少商品，我们会免费补发。',
      ],
    },
  },
  {
    name: 'general',
    keywords: /$^/,
    markdownAlways: false,
    en: {
      openers: ['Thanks for reaching out.', 'Happy to help.'],
      facts: [
        'Our support team is available every day from 8 am to 8 pm.',
        'Most questions are answered in the help centre on our website.',
        'You can also ask for a human agent at any time in this chat.',
        'We reply to e-mails within one business day.',
      ],
    },
    zh: {
      openers: ['感谢您的咨询。', '很高兴为您服务。'],
      facts: [
        '我们的客服每天早上八点到晚上八点在线。',
        '大部分问题都可以在网站的帮助中心找到答案。',
        '您也可以随时在聊天中要求转接人工客服。',
        '我们会在一个工作日内回复邮件。',
      ],
    },
  },
];

/**
 * Closing sentences of every length the reply may still need, so a reply ends on a whole sentence
 * with exactly the requested number of tokens.
 */
export const CLOSINGS: Readonly<Record<'en' | 'zh', readonly string[]>> = {
  en: [
    'Thanks!',
    'Thank you.',
    'Hope this helps.',
    'I hope this helps.',
    'I hope this helps you.',
    'Let me know if that helps.',
    'Just reply here if you need more.',
    'Just reply here if you need anything else.',
    'Just reply here if you need anything else today.',
    'Feel free to reply here if you need anything else.',
    'Feel free to reply here if you need anything else today.',
    'Feel free to reply here if there is anything else at all.',
    'Please feel free to reply here if there is anything else at all.',
  ],
  zh: [
    '谢谢。',
    '请放心。',
    '祝您愉快。',
    '感谢您耐心。',
    '感谢您的耐心。',
    '希望对您有帮助。',
    '希望这对您有帮助。',
    '希望这些对您有帮助。',
    '还有其他问题请告诉我。',
    '有其他问题请随时告诉我。',
    '如有其他问题，请随时联系。',
    '如有其他问题，请随时告诉我。',
  ],
};

/** The topic whose keyword appears first in the question; `general` when none does. */
export function topicOf(question: string): Topic {
  let best: Topic | undefined;
  let bestAt = Infinity;
  for (const topic of TOPICS) {
    const at = question.search(topic.keywords);
    if (at >= 0 && at < bestAt) {
      best = topic;
      bestAt = at;
    }
  }
  return best ?? (TOPICS.at(-1) as Topic);
}
