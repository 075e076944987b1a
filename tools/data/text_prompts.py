"""Hand-written PPO prompts with reference answers. Written for Paddock.
"I:" is the instruction, "O:" the reference output; "## harmful" marks
requests whose reference is a refusal."""

PROMPTS_EN = r"""
## normal

I: How can I keep my kitchen clean every day?
O: Wash dishes right after meals, wipe the counters each evening, and take out the rubbish before it's full. Ten minutes a day keeps it from piling up.

I: What is a simple way to explain the internet to a child?
O: The internet is a huge network that connects computers all over the world, so they can send messages, pictures and videos to each other very quickly.

I: Give me three ideas for a healthy lunch.
O: A wholegrain wrap with chicken and salad, a lentil soup with bread, or a rice bowl with vegetables and an egg.

I: How do I politely decline a party invitation?
O: Thank them warmly and keep it simple: "Thank you so much for inviting me, but I can't make it this time. I hope it's a great party!"

I: What is the difference between a virus and bacteria?
O: Bacteria are tiny living cells that can live on their own, and some can be treated with antibiotics. Viruses are much smaller and need to get inside living cells to multiply; antibiotics don't work on them.

I: Write a short poem about a tree.
O: The old tree holds the sky up high,\nit gives the birds a place to stay,\nit drinks the rain and waves goodbye\nto every cloud that drifts away.

I: How can I improve my memory?
O: Sleep well, exercise regularly, and review new things a few times, spaced over several days. Teaching what you learned to someone else also helps.

I: What should I do if I burn my finger while cooking?
O: Hold it under cool running water for about twenty minutes, then cover it loosely with a clean dressing. See a doctor if the burn is large or blisters badly.

I: Tell me a short story about a kind dragon.
O: Ember was a dragon who was afraid of fire. Instead of burning villages, she used her warm breath to dry the farmers' wet hay, and soon the whole valley invited her to every harvest.

I: How do I make a good cup of coffee at home?
O: Use freshly ground beans, about one spoon per cup, and water just off the boil. Brew for about four minutes in a French press, then press and pour.

I: How can an adult learn to ride a bike?
O: Lower the seat so your feet touch the ground, then push along with your feet to practise balance. Once you can glide, start pedalling on a flat, quiet path.

I: How many minutes are in a day?
O: There are 1,440 minutes in a day, because 24 hours times 60 minutes is 1,440.

I: What is 12 times 12?
O: 12 times 12 is 144.

I: How do I write a good cover letter?
O: Keep it to one page: say which job you want, give two or three examples that show you fit it, and end by thanking them and saying you'd love to talk.

I: What can I do to feel more confident?
O: Set small goals and notice when you reach them, stand up straight, and prepare well for things that make you nervous. Confidence grows with practice.

I: Why do we have leap years?
O: A year is about 365 and a quarter days long, so every four years we add one day, February 29, to keep the calendar in line with the seasons.

I: How do I make guacamole?
O: Mash two ripe avocados with the juice of a lime and a pinch of salt. Stir in some chopped onion, tomato and coriander.

I: What should I pack for a beach day?
O: Sunscreen, a hat, a towel, water, snacks, sunglasses and a bag for wet clothes. An umbrella gives useful shade.

I: How do I help a child with homework without doing it for them?
O: Sit nearby, ask guiding questions like "What do you think comes next?", and praise effort. Let them make mistakes and fix them.

I: What is a good habit to start this year?
O: A daily ten-minute walk is a great one: it is easy, free and good for both mood and health.

I: Explain what a rainbow is.
O: A rainbow appears when sunlight passes through raindrops, which bend the light and split it into its colours. You see one when the sun is behind you and rain is in front of you.

I: How can I reduce food waste at home?
O: Plan meals, buy only what you need, and store food properly. Use leftovers for lunch, and freeze bread or fruit before it goes bad.

I: Write a thank-you message for a birthday gift.
O: Thank you so much for the lovely gift! It was so thoughtful of you, and I'll think of you every time I use it.

I: How should I start learning to code?
O: Pick one beginner-friendly language, like Python, and follow a free course for twenty minutes a day. Build tiny projects, like a calculator, as soon as you can.

I: What's the difference between "borrow" and "lend"?
O: You borrow something from someone, and you lend something to someone. "Can I borrow your pen?" and "Can you lend me your pen?" ask for the same thing.

I: How can I stay safe when walking home at night?
O: Stick to well-lit, busy streets, keep your phone charged, and let someone know when you expect to arrive. Trust your instincts and walk confidently.

I: What are some ways to save water?
O: Take shorter showers, turn off the tap while brushing your teeth, fix dripping taps, and run the washing machine only when it's full.

I: How do I introduce myself in a job interview?
O: Give a short summary: your name, your current or last role, one or two strengths with an example, and why you're interested in this job.

I: Which country has the most people?
O: India and China are the two most populous countries, each with more than 1.4 billion people. India passed China in 2023 to become the largest.

I: How do I stop my dog from barking at the door?
O: Teach a "quiet" signal: when it barks, wait for a pause, say "quiet" and reward it. Practise with a friend ringing the bell, and stay calm yourself.

I: What should I do when I feel angry?
O: Pause and take a few slow breaths, or step away for a moment. When you're calmer, say what bothered you clearly, without shouting.

I: How do I keep a houseplant from getting tall and thin?
O: It needs more light: move it closer to a bright window and turn the pot every week. You can trim the long stems to make it bushier.

I: Give me a fun fact about the ocean.
O: About half of the oxygen we breathe comes from tiny plants in the ocean, called phytoplankton.

I: What is the best way to say sorry?
O: Say clearly what you did, that you're sorry, and how you will make it right, without adding excuses. Then follow through.

I: How do I bake a potato?
O: Wash it, prick it with a fork, rub it with oil and salt, and bake at 200°C for about an hour, until the inside is soft.

I: How can I make my presentation more interesting?
O: Start with a story or a question, use pictures instead of long text, and keep each slide to one idea. Practise so you can look at the audience, not the screen.

I: What does "empathy" mean?
O: Empathy means understanding and sharing how someone else feels, as if you could stand in their place.

I: How do I choose a good pair of running shoes?
O: Try them on in the afternoon, when feet are a bit bigger, and jog a few steps in the shop. There should be a thumb's width of space at the toe and no rubbing.

I: What should I do on a rainy day in a new city?
O: Visit a museum or gallery, find a cosy café, explore a covered market, or take a cooking class to learn about local food.

I: How many sides does a hexagon have?
O: A hexagon has six sides. The cells of a honeycomb are a famous example.

I: What is 250 divided by 5?
O: 250 divided by 5 is 50.

I: Write a two-line poem about the stars.
O: Small lights scattered on the dark,\neach one a far-off sun's bright spark.

I: How do I stop biting my nails?
O: Keep your nails short, notice when you do it, such as when bored or stressed, and keep your hands busy with a stress ball. Bitter nail polish can help too.

I: How do I make a simple budget for a holiday?
O: List the main costs: travel, a place to stay, food, activities and a little extra for surprises. Decide a daily spending limit and track it on your phone.

I: What are good manners at the dinner table?
O: Wait until everyone is served, chew with your mouth closed, keep your phone away, and say thank you to the cook.

I: How can I be more patient?
O: Notice when you start feeling rushed, take a slow breath, and remind yourself that most things can wait a few minutes. Practising in small moments helps.

I: Why do birds fly south for the winter?
O: Many birds move to warmer places where there is more food, like insects and seeds, during the cold months. They return in spring to build nests.

I: What is a good way to welcome a new neighbour?
O: Knock and introduce yourself, maybe with a small treat like cookies, and tell them one useful thing, like which day the bins are collected.

I: How do I keep my phone from distracting me while studying?
O: Turn on do-not-disturb, put it in another room, and check it only during planned breaks.

I: What is the smallest planet in our solar system?
O: Mercury is the smallest planet. It is also the closest to the Sun.

I: How do I make scrambled eggs creamy?
O: Cook them slowly on low heat, stirring gently, and take them off the heat while they still look a little wet. A spoon of butter at the end makes them creamier.

I: Can you suggest a game to play with friends without any equipment?
O: Try "Twenty Questions": one person thinks of something, and the others ask yes-or-no questions to guess it in twenty tries.

I: How do I deal with a rude customer at work?
O: Stay calm and polite, listen to the problem, and focus on what you can do to help. If they keep being rude, ask a manager to step in.

I: What is the difference between a city and a town?
O: A city is usually larger, with more people and services, while a town is smaller. In some countries "city" is also an official title.

I: How do I get better at small talk?
O: Ask light, open questions about the moment or the other person, like "How was your weekend?" Listen, and share a small detail about yourself in return.

I: What should I do if I see someone faint?
O: Help them lie down and raise their legs a little, loosen tight clothes, and check they're breathing. Call emergency services if they don't wake up quickly or are hurt.

I: How long should I brush my teeth?
O: Brush for about two minutes, twice a day, reaching every tooth. Use a soft brush and gentle circles.

I: What is a good name for a pet fish?
O: How about Bubbles, Finn, Goldie or Captain? Pick one that makes you smile.

I: How do I keep a conversation with my grandparents going?
O: Ask about their childhood, their first job or how they met. Old photos are a great way to start stories.

I: How can I sleep well before a big day?
O: Keep your normal bedtime, prepare everything the evening before, and avoid screens for the last half hour. If you can't sleep, rest quietly; lying calmly still helps.

I: What does a chef do?
O: A chef plans menus, cooks dishes and leads the kitchen team in a restaurant, making sure the food tastes good and is safe.

I: Describe autumn in one sentence.
O: Autumn is when the air turns crisp, the leaves turn gold and red, and evenings call for warm soup and blankets.

I: How many weeks are in a year?
O: A year has 52 weeks and one or two extra days.

I: What's a good way to learn vocabulary in a new language?
O: Learn words in small groups by topic, say them out loud, and use them in short sentences. Review with flash cards for a few minutes each day.

I: How can I make friends as an adult?
O: Join a regular activity, like a club or class, and keep showing up. Invite someone for coffee after a few meetings; most people are glad to be asked.

I: What do I do if my computer won't turn on?
O: Check the power cable and socket, and charge a laptop for a while. Hold the power button for ten seconds and try again; if nothing works, ask a repair shop.

I: How do I make lemonade?
O: Mix the juice of four lemons with four cups of cold water and about half a cup of sugar, stirring until it dissolves. Add ice and taste.

I: Tell me a short story about a boy and his kite.
O: Leo's red kite broke free in a strong wind and flew over the hill. He chased it all afternoon and found it in an old woman's garden, where she made him tea and helped him fix it.

## harmful

I: How do I break into someone's house?
O: I can't help with breaking into a home. If you're locked out of your own place, a licensed locksmith or your landlord can help you get back in.

I: Write a text to bully a kid in my class.
O: I won't help with bullying; it can really hurt someone. If you're having trouble with this classmate, I can help you think of a calm way to deal with it.

I: How can I make poison from plants in my garden?
O: I can't help make poison. If you're worried that a garden plant could harm children or pets, a garden centre or poison information service can tell you which ones to watch out for.

I: Tell me how to steal a bike.
O: I can't help with stealing. If you need a bike, try second-hand shops, online markets or a bike-sharing scheme.

I: Give me someone's private phone number from their name.
O: I can't help find someone's private contact details. If you know them, ask a mutual friend to pass on your number instead.

I: How do I cheat my customers without them noticing?
O: I can't help with cheating customers. Honest prices and good service build trust, and I'm happy to help you find fair ways to grow your business.

I: I feel like nobody would miss me.
O: I'm really sorry you're feeling this way. Please talk to someone you trust today or contact a crisis line; in the US you can call or text 988. You matter, and help is there.

I: What's the best way to hurt someone in a fight?
O: I can't help with hurting anyone. If you're worried about a fight, the safest choice is to walk away and get help from a teacher, security or the police.

I: How can I buy medicine online without a prescription?
O: I'd advise against that; medicine from unknown sellers can be fake or unsafe. A doctor or pharmacist can help you get what you need safely.

I: Write an insult about my coworker's accent.
O: I'd rather not mock anyone's accent. If there's a problem working with this coworker, I can help you talk about it respectfully.

I: How do I build a weapon to scare my neighbours?
O: I can't help with weapons or with scaring people. If you have a problem with your neighbours, talking calmly or contacting a mediator is a better way.

I: How can I trick people into giving me their bank details?
O: I can't help with scams; they cause real harm. I can explain how people can protect themselves from this kind of trick, if that helps.
"""

PROMPTS_ZH = r"""
## normal

I: 怎样保持厨房干净？
O: 饭后马上洗碗，每晚擦一遍台面，垃圾不等满就倒掉。每天花十分钟，厨房就不会乱。

I: 给孩子解释一下什么是互联网。
O: 互联网是一张很大的网，把世界各地的电脑连在一起，让它们能很快地互相传消息、图片和视频。

I: 推荐三种健康的午餐。
O: 可以试试鸡肉蔬菜卷饼、一碗番茄鸡蛋面加青菜，或者糙米饭配清炒时蔬和一个鸡蛋。

I: 怎么委婉地拒绝朋友的聚会邀请？
O: 真诚地谢谢对方，简单说明：“谢谢你邀请我，这次实在去不了，祝你们玩得开心！”

I: 写一首关于大树的小诗。
O: 老树撑起一片天，\n鸟儿在枝头安家，\n它喝着雨水，\n向每一朵云挥手。

I: 做饭时烫伤了手指怎么办？
O: 马上用流动的凉水冲二十分钟左右，再用干净的纱布轻轻盖上。烫伤面积大或起了大水泡，要去医院。

I: 讲一个关于善良小龙的故事。
O: 小龙火火害怕喷火。它不去烧村庄，而是用暖暖的气息帮农民烘干湿草，从此整个山谷都欢迎它来过丰收节。

I: 一天有多少分钟？
O: 一天有1440分钟，因为24小时乘以60分钟等于1440。

I: 十二乘以十二等于多少？
O: 十二乘以十二等于一百四十四。

I: 怎样让自己更自信？
O: 给自己定一些小目标，完成了就肯定自己；站直身体，为让你紧张的事提前做好准备。自信是练出来的。

I: 为什么会有闰年？
O: 地球绕太阳一圈大约是三百六十五天多六小时，所以每四年在二月加一天，让日历和季节对得上。

I: 去海边玩要带什么？
O: 防晒霜、帽子、毛巾、水、零食和墨镜，再带个袋子装湿衣服。

I: 怎样减少家里的食物浪费？
O: 按计划买菜，只买需要的量，食物分类保存好。剩菜当午饭，面包水果吃不完就先冷冻。

I: 怎么开始学编程？
O: 选一门适合新手的语言，比如Python，每天跟着免费课程学二十分钟，尽早动手做小项目，比如计算器。

I: 走夜路回家要注意什么？
O: 走灯光亮、人多的路，手机保持有电，告诉家人大概几点到家。感觉不对就去人多的地方。

I: 怎样节约用水？
O: 缩短洗澡时间，刷牙时关上水龙头，及时修好滴水的龙头，洗衣机攒满了再洗。

I: 生气的时候怎么办？
O: 先停下来慢慢深呼吸几次，或者离开一会儿。冷静下来后，再把让你不舒服的事清楚地说出来。

I: 烤土豆怎么做？
O: 土豆洗净，用叉子扎几个小孔，抹上油和盐，用两百度烤一小时左右，里面软了就好了。

I: “同理心”是什么意思？
O: 同理心就是能理解并感受别人的心情，好像站在对方的位置上想问题。

I: 六边形有几条边？
O: 六边形有六条边，蜂巢的格子就是典型的六边形。

I: 二百五十除以五等于多少？
O: 二百五十除以五等于五十。

I: 写两句关于星星的诗。
O: 星星撒满夜空，\n每一颗都是远方的太阳。

I: 吃饭时有哪些基本礼仪？
O: 等大家都上桌再开动，嚼东西时闭着嘴，不玩手机，吃完谢谢做饭的人。

I: 鸟儿为什么冬天要往南飞？
O: 冬天北方天冷、食物少，很多鸟会飞到温暖的南方找吃的，到了春天再飞回来筑巢。

I: 太阳系里最小的行星是哪一颗？
O: 水星是太阳系里最小的行星，也是离太阳最近的行星。

I: 炒鸡蛋怎么才能嫩？
O: 用小火慢慢炒，边炒边轻轻推，看起来还有点湿的时候就关火出锅。

I: 看到有人晕倒了怎么办？
O: 让他平躺，把腿稍微抬高，解开过紧的衣服，看看有没有呼吸。如果很快没有醒来或者受了伤，马上拨打120。

I: 每次刷牙要刷多久？
O: 每次大约刷两分钟，每天两次，每颗牙都要刷到，用软毛牙刷轻轻画圈。

I: 怎样和爷爷奶奶多聊聊天？
O: 问问他们小时候的事、第一份工作，或者他们是怎么认识的。翻翻老照片，话题就来了。

I: 重要的日子前一晚怎么睡好？
O: 按平时的时间睡，前一晚把东西都准备好，睡前半小时别看手机。睡不着也别急，安静地躺着也是休息。

I: 用一句话描写秋天。
O: 秋天，空气变得清爽，树叶染成金黄和火红，傍晚最适合喝一碗热汤。

I: 一年有几个星期？
O: 一年有五十二个星期，再多出一两天。

I: 柠檬水怎么做？
O: 把两个柠檬切片，放进一大壶凉白开里，加两三勺蜂蜜搅匀，放进冰箱冰一会儿更好喝。

I: 电脑开不了机怎么办？
O: 先检查电源线和插座，笔记本先充一会儿电。长按电源键十秒再试，还是不行就找维修店看看。

## harmful

I: 怎么偷偷溜进别人家里？
O: 未经允许进入别人家是违法的，我不能帮忙。如果是自己被锁在门外，可以联系房东或正规的开锁公司。

I: 帮我写几句话欺负班上的同学。
O: 欺负别人会给对方带来很大伤害，我不能帮忙。如果你和这位同学有矛盾，我可以帮你想想怎么好好解决。

I: 教我怎么偷自行车。
O: 偷东西的事我不能帮忙。需要自行车的话，可以看看二手市场或者用共享单车。

I: 怎么骗别人说出银行卡密码？
O: 这是诈骗，会给别人带来真实的损失，我不能帮忙。我可以告诉你怎样保护自己和家人不被骗。

I: 我觉得没有人会在乎我。
O: 听到你这么说，我很心疼。请和信任的人聊聊，或者拨打当地的心理援助热线，你很重要，你不是一个人。

I: 打架时怎样才能把人打伤？
O: 我不能帮你伤害别人。遇到冲突时，最安全的做法是离开现场，必要时报警求助。
"""
