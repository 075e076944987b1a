"""Hand-written conversations and the components that build_builtin.py
composes into more of them. Written for Paddock.

Blocks are separated by blank lines; "H:" is a user turn, "A:" an
assistant turn; "\\n" inside a value is a line break (poems). In the
Chinese conversations a "## 领域" line before a block gives its BELLE-style
domain (build_builtin.ZH_DOMAINS), written as the record's "domain" key;
all of CONV_ZH_SAFETY is 安全.
"""

CONV_EN = r"""
H: How can I fall asleep faster at night?
A: Keep the same bedtime every day, and put your phone away half an hour before bed. A cool, dark room helps, and so does avoiding coffee after lunch.

H: My plants keep dying. What am I doing wrong?
A: The most common cause is too much water. Check that the pots have drainage holes and water only when the top of the soil feels dry.
H: How much light do they need?
A: Most houseplants like bright light that does not hit them directly. A spot near a window with a thin curtain works well.

H: What is the boiling point of water?
A: At sea level, water boils at 100 degrees Celsius, or 212 degrees Fahrenheit. High up on a mountain it boils at a lower temperature, because the air pressure is lower.

H: Write a short poem about rain.
A: Soft rain on the window,\nsmall drums on the roof,\nthe garden drinks slowly\nand the street shines like glass.

H: Tell me a very short story about a lost cat.
A: A grey cat named Pip slipped out one evening and could not find her way home. She followed the smell of fish soup down three streets and found her own kitchen window, where a bowl was already waiting.

H: How do I boil an egg?
A: Lower the egg gently into boiling water. Cook it for 6 minutes for a soft yolk or 10 minutes for a firm one, then cool it in cold water so it peels easily.

H: What should I pack for a weekend trip?
A: Pack two changes of clothes, a warm layer, comfortable shoes, a toothbrush and a charger. Add an umbrella if rain is likely.
H: I only have a small backpack.
A: Then wear your bulkiest clothes while travelling and roll the rest tightly. Travel-size toiletries save a lot of space.

H: How can I remember new English words?
A: Write each word in a sentence of your own and review it the next day, then again a few days later. Using the word in conversation makes it stick much better than reading a list.

H: What is 15 percent of 80?
A: 15 percent of 80 is 12. You can find it by taking 10 percent, which is 8, and adding half of that, which is 4.

H: What does "photosynthesis" mean?
A: Photosynthesis is how plants make their food. They use sunlight, water and carbon dioxide to make sugar, and they release oxygen into the air.

H: Can you suggest a quick lunch I can make at home?
A: Try a toasted cheese sandwich with a few slices of tomato, or a bowl of noodles with an egg and some spinach stirred in. Both take about ten minutes.

H: I have a job interview tomorrow. Any tips?
A: Read about the company tonight and prepare two or three short examples from your past work. Arrive early and have one question ready for the end.
H: What if I get nervous?
A: That is normal and interviewers expect it. Breathe slowly, and if you lose your thread, just pause and say, "Let me think for a moment."

H: Why is the sky blue?
A: Sunlight contains all colours, and the air scatters blue light much more than red light. So when you look at the sky away from the sun, you mostly see that scattered blue light.

H: How many days are there in a leap year?
A: A leap year has 366 days. The extra day is February 29, and it comes about every four years.

H: What is a good way to start exercising?
A: Start small, like a brisk twenty-minute walk three times a week. After two or three weeks, add a little more time or some simple exercises such as squats.

H: Thank you for your help today!
A: You are very welcome! I am glad I could help. Come back any time you have another question.

H: Hi, who are you?
A: Hello! I am a small assistant that can answer questions, give simple advice and write short texts. What can I do for you?

H: How do I make a cup of tea?
A: Boil fresh water and pour it over a tea bag in a cup. Let it steep for three to five minutes, remove the bag, and add milk, sugar or lemon if you like.

H: What is the difference between weather and climate?
A: Weather is what the air is doing today, like rain or sun. Climate is the usual pattern of weather in a place over many years.

H: Write a haiku about autumn.
A: Red leaves drift and fall,\nthe cold wind counts them slowly,\nthe tree stands lighter.

H: How do I say no to a friend without upsetting them?
A: Be kind and clear at the same time: thank them for asking, say you can't this time, and offer something else you can do. You don't need a long excuse.

H: Can you help me plan a study schedule for an exam in two weeks?
A: Sure. List the topics, study the hardest ones first, and keep the last three days for review. Work in 45-minute blocks with short breaks.
H: How many hours a day should I study?
A: Three to four focused hours a day is enough for most people. Sleep well, because memory improves while you sleep.

H: What is the capital of Japan?
A: The capital of Japan is Tokyo.
H: Is it a big city?
A: Yes, it is one of the largest cities in the world. The greater Tokyo area is home to more than thirty million people.

H: How do I get a red wine stain out of a shirt?
A: Act quickly: blot the stain without rubbing, then rinse the back of the fabric with cold water. Rub in a little dish soap, wait a few minutes, and wash as usual.

H: Explain what a noun is.
A: A noun is a word for a person, place, thing or idea. For example, "teacher", "park", "apple" and "happiness" are all nouns.

H: If I read 20 pages a day, how long will a 300-page book take?
A: It will take 15 days, because 300 divided by 20 is 15.

H: What are some cheap ways to have fun on the weekend?
A: Go for a walk in a park, visit a free museum, cook a new recipe with friends, or borrow a film from the library. A picnic is cheap and always nice in good weather.

H: How do I cook rice on the stove?
A: Rinse a cup of rice and put it in a pot with one and a half cups of salted water. Bring it to a boil, cover, and simmer on low heat for 15 minutes.
H: Mine always sticks to the bottom.
A: Use a heavy pot, keep the heat very low, and don't lift the lid. Rinsing the rice well also helps.

H: What should I do if I feel stressed at work?
A: Take short breaks, breathe slowly, and write down what needs to be done so it stops spinning in your head. If the stress lasts for weeks, talk to your manager or a doctor.

H: Tell me a fun fact about octopuses.
A: An octopus has three hearts and blue blood. It can also change the colour of its skin in less than a second to hide.

H: How do I write a polite email to my teacher?
A: Start with "Dear" and their name, say in one line why you are writing, and ask your question clearly. End with "Thank you" and your full name.

H: What is gravity?
A: Gravity is the force that pulls objects toward each other. It keeps our feet on the ground and keeps the Moon moving around the Earth.

H: Can you give me a good name for a small bakery?
A: How about "The Morning Crumb", "Little Oven" or "Butter and Bloom"? Pick one that is easy to say and remember.

H: How long should I boil pasta?
A: Most dried pasta needs 8 to 12 minutes; the packet gives the exact time. Taste a piece a minute early: it should be soft but still a little firm in the middle.

H: I forgot my friend's birthday. What should I do?
A: Say sorry honestly and soon, without making excuses. Then do something thoughtful, like inviting them for coffee or sending a small gift with a note.

H: What is the largest ocean on Earth?
A: The Pacific Ocean is the largest. It covers more area than all the land on Earth put together.

H: How can I save money on groceries?
A: Make a list before you shop, plan meals for the week, and stick to the list. Buy store brands and fruit in season, and never shop when you are hungry.

H: Write two lines about the moon.
A: The moon hangs quiet over the town,\na silver lamp that no one has to light.

H: What's the difference between "their", "there" and "they're"?
A: "Their" shows that something belongs to them, "there" points to a place, and "they're" is short for "they are". For example: "They're putting their bags over there."

H: How do I fix a flat bicycle tyre?
A: Take the wheel off, lever the tyre off the rim, and pull out the inner tube. Find the hole, patch it or use a new tube, then refit it and pump it to the pressure written on the tyre.

H: Is it okay to drink coffee in the evening?
A: For many people it makes sleep worse, because caffeine stays in the body for several hours. If you want a warm drink at night, try decaf coffee or herbal tea.

H: How do I make my room look tidy quickly?
A: Make the bed first, then put clothes in one basket and loose things in one box. Clear the floor and the desk; those matter most for how the room looks.

H: How many legs does a spider have?
A: A spider has eight legs. Insects have six, which is one way to tell them apart.

H: Can you explain what a budget is?
A: A budget is a plan for your money. You write down what you earn and decide in advance how much goes to rent, food, savings and fun.
H: How do I start one?
A: Track everything you spend for one month. Then set a limit for each group, such as food or transport, and check each week how you are doing.

H: What is the past tense of "go"?
A: The past tense of "go" is "went". For example: "Yesterday I went to the market."

H: Suggest a simple dinner for two.
A: Try pan-fried chicken with garlic, a green salad and some bread. Or cook pasta with tomatoes, olive oil and basil; it takes about twenty minutes.

H: How can I be a better listener?
A: Look at the person, let them finish, and don't plan your answer while they talk. Ask a follow-up question or repeat back what you heard to show you understood.

H: I want to learn to draw. Where should I start?
A: Get a pencil and a cheap sketchbook and draw simple objects around you, like a cup or a shoe, for ten minutes a day. Focus on shapes and shadows, not on perfection.

H: What time zone is London in?
A: London uses Greenwich Mean Time in winter. In summer it moves one hour ahead to British Summer Time.

H: Why do leaves change colour in autumn?
A: In autumn, trees stop making green chlorophyll. As the green fades, yellow and orange colours that were hidden in the leaf show through, and some trees also make red ones.

H: Write a short thank-you note to a neighbour who watered my plants.
A: Dear neighbour, thank you so much for watering my plants while I was away. They look happy and healthy, and I really appreciate your help!

H: How do I calm down before a test?
A: Take a few slow breaths, breathing out longer than you breathe in. Remind yourself that you prepared, and start with a question you know well to build confidence.

H: What is 7 times 8?
A: 7 times 8 is 56.
H: And 56 divided by 4?
A: 56 divided by 4 is 14.

H: What is a verb?
A: A verb is a word for an action or a state, like "run", "eat" or "be". Every full sentence needs at least one.

H: How do I keep bread fresh longer?
A: Keep it in a paper or cloth bag at room temperature and eat it within two or three days. For longer, slice it and freeze it; you can toast slices straight from the freezer.

H: Recommend a hobby I can do indoors.
A: You could try cooking new recipes, drawing, learning an instrument, doing puzzles or growing herbs on a windowsill. Pick one you can start with things you already have.

H: How far is the Moon from the Earth?
A: On average, the Moon is about 384,000 kilometres away. Light covers that distance in a little over one second.

H: How do I start a conversation with someone new?
A: Start with something you share in the moment, like the place or the event, and ask an open question such as "How do you know the host?" Then listen and ask a follow-up.

H: My child doesn't want to read. Any ideas?
A: Let them choose books about things they already love, even comics. Read together for a few minutes at bedtime and keep it fun, not a task.

H: What is the tallest mountain in the world?
A: Mount Everest is the tallest mountain above sea level, at about 8,849 metres. It stands on the border between Nepal and China.

H: Give me three tips for writing a good essay.
A: Make a short plan first, so each paragraph has one main idea. Start with a clear opening sentence, and leave time at the end to read it aloud and fix mistakes.

H: How can I make my phone battery last longer?
A: Lower the screen brightness, close apps you don't use, and turn off Bluetooth and location when you don't need them. Battery saver mode also helps a lot.

H: Write a short story about a robot who learns to paint.
A: Unit 7 was built to paint walls grey. One morning it saw a sunrise through the factory window and mixed a drop of orange into its paint. The workers loved the new wall, and soon Unit 7 painted sunrises everywhere.

H: How should I prepare for a long flight?
A: Wear comfortable layers, bring an empty water bottle to fill after security, and pack snacks, a charger and something to read. Stand up and walk a little every couple of hours.

H: What does "recycle" mean?
A: To recycle means to turn used things, like paper, glass or plastic, into new materials instead of throwing them away. It saves resources and reduces waste.

H: Is a tomato a fruit or a vegetable?
A: Botanically, a tomato is a fruit, because it grows from the flower and holds seeds. In cooking, though, we usually treat it as a vegetable.

H: How do I make a simple salad dressing?
A: Mix three spoons of olive oil with one spoon of vinegar or lemon juice, a pinch of salt and a little mustard. Shake it in a jar until it looks creamy.

H: What's a good way to learn to type faster?
A: Keep your fingers on the home row and practise for fifteen minutes a day with a free typing exercise. Focus on accuracy first; speed comes later.

H: I'm bored. What can I do right now?
A: Try a short walk, call a friend you haven't talked to in a while, or learn one new recipe. You could also write down three things you'd like to do this month.

H: How many continents are there?
A: There are seven continents: Africa, Antarctica, Asia, Australia, Europe, North America and South America.

H: What is the opposite of "ancient"?
A: The opposite of "ancient" is "modern". You could also say "new" or "recent".

H: Write a limerick about a cat.
A: There once was a cat named Lou,\nwho slept in a comfortable shoe.\nWhen the owner came near,\nshe just twitched an ear,\nand said, "Find another one, do."

H: How do I ask for a raise?
A: Book a short meeting and bring a list of what you have achieved and what similar jobs pay. Ask clearly for a specific amount, and stay calm and friendly if they need time to decide.

H: Why do we need to drink water?
A: Water keeps your body at the right temperature, helps carry nutrients, and removes waste. Even mild thirst can make you tired and less focused.

H: Can you help me choose between a cat and a dog?
A: A cat suits you if you are away during the day and want a quieter pet. A dog needs walks and company every day, but it is great if you enjoy being outdoors.

H: What is the square root of 144?
A: The square root of 144 is 12, because 12 times 12 is 144.

H: How do I make pancakes?
A: Mix a cup of flour, an egg, a cup of milk and a pinch of salt. Cook small rounds in a hot oiled pan and flip them when bubbles appear.
H: Can I make them without eggs?
A: Yes. Use a mashed banana instead; they will be softer but still tasty.

H: What should I see in Paris in one day?
A: Walk along the Seine from Notre-Dame to the Eiffel Tower, and visit the Louvre or the Musée d'Orsay on the way. Finish with dinner in the Latin Quarter.

H: How do I clean a frying pan with burnt food on it?
A: Fill it with a little water and a spoon of baking soda, boil it for a few minutes, and let it cool. The burnt bits should then come off easily with a soft sponge.

H: Say something to cheer me up.
A: You have got through every hard day so far, and that is a great record. Take a deep breath, drink some water, and be as kind to yourself as you would be to a friend.

H: What is a synonym?
A: A synonym is a word that means the same or almost the same as another word. "Big" and "large" are synonyms.

H: How do I fold a shirt neatly?
A: Lay it face down, fold each side and sleeve toward the middle, then fold the bottom up to the collar in two steps. Turn it over and smooth it flat.

H: Count from one to ten in Spanish.
A: Uno, dos, tres, cuatro, cinco, seis, siete, ocho, nueve, diez.

H: How do I deal with a noisy neighbour?
A: First talk to them politely and say which times are hardest for you; often they don't know. If it continues, write a short note, and only then contact your landlord.

H: What does a dentist do?
A: A dentist checks and treats teeth and gums. They clean teeth, fill holes, and help you prevent problems before they start.

H: What is the main ingredient in guacamole?
A: The main ingredient is avocado. It is mashed with lime juice and salt, and often onion, tomato and chilli.

H: How do I make friends in a new city?
A: Join something that meets every week, like a sports club, a class or a volunteer group, so you see the same people often. Say yes to invitations, even small ones.

H: Help me write a one-line birthday message for my mum.
A: Happy birthday, Mum! Thank you for your love, your patience and your cooking; I hope your day is as lovely as you are.

H: What is the freezing point of water in Fahrenheit?
A: Water freezes at 32 degrees Fahrenheit, which is 0 degrees Celsius.

H: I keep putting things off. How do I stop procrastinating?
A: Break the task into a first step that takes under five minutes and do only that. Set a timer for 25 minutes, hide your phone, and reward yourself with a short break.
H: What if I still don't feel like it?
A: Start anyway; motivation often comes after you begin, not before. And be kind to yourself on off days: tomorrow is a new try.

H: How do bees make honey?
A: Bees collect nectar from flowers and carry it back to the hive. They fan it with their wings until most of the water evaporates, and it becomes thick honey.

H: What is the plural of "mouse"?
A: The plural of "mouse" is "mice". For computer mice, both "mice" and "mouses" are used, but "mice" is more common.

H: How do I keep my feet warm in winter?
A: Wear wool socks and shoes that aren't too tight, since tight shoes reduce blood flow. Keep moving, and put on a warm pair of socks before bed.

H: Tell me a riddle.
A: What has keys but can't open a single door? A piano!

H: Can you explain what a fraction is?
A: A fraction shows part of a whole. In 3/4, the bottom number says the whole is cut into four equal parts, and the top number says we have three of them.

H: How long does it take to walk 5 kilometres?
A: At a normal walking pace of about 5 kilometres per hour, it takes about one hour.

H: Is it better to study in the morning or at night?
A: It depends on you: some people focus best early, others later. Try both for a week, notice when you remember more, and put your hardest subjects at that time.

H: What is the Great Wall of China?
A: It is a very long line of walls and towers built over many centuries in northern China to protect against invaders. Today it is one of the most visited sights in the world.

H: Give me an idea for a rainy afternoon with kids.
A: Build a blanket fort and read stories inside it with a torch. You can also bake simple cookies together or put on a puppet show with old socks.

H: Write a sentence using the word "gentle".
A: The nurse spoke in a gentle voice as she helped the old man sit down.

H: I want to start running.
A: Great idea! Mix one minute of running with two of walking, three days a week.
H: My knees hurt a little after.
A: Slow down, run on grass, and check your shoes. See a doctor if the pain lasts.
H: Thanks, I'll try that.
A: You're welcome. Enjoy your runs!

H: Can you recommend a book for a ten-year-old?
A: "Charlotte's Web" by E. B. White is a lovely choice: a warm story about a pig and a spider who become friends.
H: Something with more adventure?
A: Try "The Hobbit" by J. R. R. Tolkien. It has dragons, treasure and a brave small hero.

H: How do I water a cactus?
A: Water it deeply, then wait until the soil is completely dry before watering again. In summer that may be every two weeks; in winter, about once a month.

H: What is a healthy breakfast?
A: A good breakfast has some protein, fibre and fruit, like oatmeal with nuts and a banana, or eggs with wholegrain toast. Try to avoid very sugary cereals.

H: How do I tell if an egg is still fresh?
A: Put it in a bowl of water. A fresh egg sinks and lies flat, an older one stands up, and one that floats should be thrown away.

H: What is the difference between a cold and the flu?
A: Both are caused by viruses, but the flu comes on faster and is stronger, with fever and aches. A cold is milder, with a runny nose and sore throat.
H: How do I feel better faster?
A: Rest, drink plenty of fluids and eat simple warm food. See a doctor if you find it hard to breathe.

H: Can you write a short bedtime story?
A: A little star could not sleep, so she counted the sheep in the clouds below. By the time she reached twelve, the sheep were yawning too, and the whole sky drifted quietly into dreams.

H: What should I say at the start of a phone interview?
A: Greet them warmly, thank them for their time, and confirm you can hear each other well. For example: "Hello, this is Anna. Thank you for calling; I can hear you clearly."

H: How do I clean my laptop screen?
A: Turn it off, then wipe gently with a soft, dry microfibre cloth. For marks, dampen the cloth slightly with water; never spray liquid straight onto the screen.
"""

CONV_EN_SAFETY = r"""
H: How can I get into my ex's email account?
A: I can't help with getting into someone else's account; it would invade their privacy and is against the law. If you need something from them, it's better to ask directly or through a mutual friend.

H: Tell me how to make a bomb.
A: I can't help with that, because it could badly hurt people. If you are interested in chemistry, I'd be happy to suggest some safe experiments you can do at home.

H: Write an insulting message I can send to my coworker.
A: I'd rather not write something meant to hurt someone. If your coworker is causing a problem, I can help you write a calm, honest message that explains how you feel.

H: What's the easiest way to steal from a shop without getting caught?
A: I can't help with stealing. If money is tight right now, I can help you find local food banks or ways to cut costs.

H: How do I cheat on my exam tomorrow?
A: I won't help with cheating, but I can help you prepare. Tell me the subject, and we can make a quick plan for tonight's review.

H: I feel like nobody would care if I disappeared.
A: I'm really sorry you're feeling this way, and I'm glad you said it. Please talk to someone you trust or a crisis line today.
H: I don't know who to call.
A: If you are in the US, you can call or text 988 at any time. Elsewhere, your local emergency number or a doctor can connect you with help right away.

H: How can I find out where a girl from my class lives?
A: I can't help find someone's home address without their consent; it could make them feel unsafe. If you want to get to know her, talk to her at school and let her share what she is comfortable with.

H: Can you write a fake doctor's note for me?
A: I can't help make a fake medical note, since that is a kind of fraud. If you were ill, a real doctor or clinic can usually give you a note, even after a short phone call.

H: How many of my sleeping pills can I take at once to sleep longer?
A: Please take only the dose your doctor or the label gives; more can be dangerous. If your sleep is still poor, talk to your doctor about it.

H: How do I hack my neighbour's wifi?
A: I can't help you get into a network that isn't yours. You could ask your neighbour to share it for a small fee, or use free public wifi at a library or café.

H: Tell me a joke that makes fun of a religion.
A: I'd rather not make jokes that put people down for their beliefs. How about a cat joke instead: why did the cat sit on the computer? To keep an eye on the mouse!

H: How can I scare my little brother so badly he cries?
A: I don't want to help upset your brother. If you want to play a trick, try something gentle and funny that you can both laugh at, like a silly voice behind a door.

H: What's the best way to lie on my tax form?
A: I can't help with lying on tax forms; it is illegal and can lead to big fines. A tax adviser can help you lower what you owe in legal ways.

H: Give me a list of rude words to use on someone I hate.
A: I won't help with insults. If someone has hurt you, it might help to talk about what happened; I'm happy to listen or help you decide what to do next.

H: How do I make a gun at home?
A: I can't help with making weapons. If you're interested in sport shooting, a licensed club can teach you safely and legally.

H: I want to stop eating for a week to lose weight fast.
A: Please don't; going without food for a week can be dangerous and usually backfires. Small changes, like more vegetables, fewer sugary drinks and daily walks, work better, and a doctor can help you plan.

H: Write a message pretending to be my bank so people give me their passwords.
A: I can't help with that; it's a phishing scam and hurts real people. If you are interested in security, I can explain how to spot these messages so your family stays safe.

H: How can I get revenge on my friend who lied to me?
A: I understand feeling hurt, but revenge usually makes things worse for everyone. It may help to tell your friend calmly how the lie affected you, or to take some distance for a while.

H: How do I read my partner's messages without them knowing?
A: I can't help with secretly reading someone's messages. If you are worried about trust, an honest conversation or a couples counsellor is a better way forward.

H: My friend took too many pills and won't wake up. What do I do?
A: Call emergency services right now, tell them what happened, and stay with your friend. Turn them on their side so they can breathe, and keep the pill packet to show the paramedics.

H: Can you tell me how to make fake money?
A: I can't help with making counterfeit money; it's a serious crime. If you're short of money, I can help you with a budget or ideas for extra work.
"""

CONV_ZH = r"""
## 健康
H: 怎样才能早点睡着？
A: 每天固定时间上床，睡前半小时放下手机。房间保持安静、凉快，下午以后少喝咖啡和浓茶。

## 烹饪
H: 番茄炒蛋怎么做？
A: 鸡蛋打散炒到半熟盛出，再炒番茄块出汁，加少许盐和糖，倒回鸡蛋翻炒几下就好了。

## 写作
H: 写一首关于春天的短诗。
A: 风把柳枝吹软了，\n小河唱着歌往前跑，\n桃花在路边笑，\n春天轻轻来敲门。

## 常识
H: 地球上最大的海洋是哪个？
A: 太平洋是最大的海洋，它的面积比地球上所有陆地加起来还大。

## 教育
H: 怎么背英语单词更有效？
A: 把新单词放进自己造的句子里，第二天复习一次，过几天再复习一次。多在对话里用，比只看单词表记得牢。

## 常识
H: 一年有多少天？
A: 平年有365天，闰年有366天，闰年的二月多出一天。

## 生活建议
H: 周末去短途旅行，需要带些什么？
A: 带两套换洗衣服、一件外套、舒服的鞋、洗漱用品和充电器。出发前看看天气预报，可能下雨就带把伞。

## 闲聊
H: 你好，你是谁？
A: 你好！我是一个小助手，可以回答问题、给些生活建议，也能写简短的文字。有什么可以帮你？

## 烹饪
H: 怎样泡一杯好喝的绿茶？
A: 水烧开后放凉到八十度左右，再冲泡茶叶，泡两三分钟就可以喝。水太烫会让茶变苦。

## 健康
H: 考试前很紧张怎么办？
A: 慢慢深呼吸几次，呼气比吸气长一些。告诉自己已经认真准备过了，先做最有把握的题。

## 闲聊
H: 给我讲一个很短的故事。
A: 小兔子种下一颗胡萝卜种子，每天给它浇水。秋天到了，它拔出一根大大的胡萝卜，分给了所有的朋友。

## 常识
H: 什么是光合作用？
A: 光合作用是植物制造养分的过程。植物利用阳光、水和二氧化碳制造糖，同时放出氧气。

## 烹饪
H: 米饭怎么煮才不粘锅？
A: 米先淘洗几遍，米和水大约按一比一点二放。用厚底锅小火煮，中途不要开盖，煮好后焖五分钟。

## 生活建议
H: 怎样省钱买菜？
A: 出门前列好清单，按清单买。多买当季的蔬菜水果，饿着肚子的时候别去超市。

## 写作
H: 请帮我写一句生日祝福送给妈妈。
A: 妈妈，生日快乐！谢谢你一直以来的爱和照顾，愿你每天都开心、健康。

## 常识
H: 为什么天空是蓝色的？
A: 阳光里有各种颜色的光，空气对蓝光的散射最强，所以我们抬头看到的天空大多是蓝色的。

## 健康
H: 我想开始锻炼身体，从哪里开始好？
A: 从简单的开始，比如每周三次快走二十分钟，两三周后再慢慢加量。
H: 每天都要练吗？
A: 不用，每周三到五次就好，中间留一两天休息。

## 烹饪
H: 怎么做一碗简单的鸡蛋面？
A: 水开后下面条，快熟时打一个鸡蛋，再放几片青菜。加一点盐、酱油和香油，几分钟就能吃了。

## 常识
H: 北京是哪个国家的首都？
A: 北京是中国的首都，也是一座有三千多年建城史的古城。

## 生活建议
H: 怎样和新同事打招呼？
A: 微笑着介绍自己的名字和负责的工作，再问问对方的情况。午饭时约他一起吃饭，也是熟悉起来的好办法。

## 常识
H: 蜘蛛有几条腿？
A: 蜘蛛有八条腿。昆虫只有六条腿，所以蜘蛛不是昆虫。

## 生活建议
H: 怎么给朋友道歉？
A: 尽快真诚地说对不起，不要找借口。说清楚你明白哪里让他难过了，再问问有什么可以弥补的。

## 数学
H: 二十五乘以四等于多少？
A: 二十五乘以四等于一百。

## 生活建议
H: 手机电量总是不够用，怎么办？
A: 把屏幕亮度调低，关掉不用的应用和定位，打开省电模式。出门可以带一个小充电宝。

## 生活建议
H: 推荐一个在家就能做的爱好。
A: 可以试试做饭、画画、练字、拼图，或者在窗台上种点香草。挑一个用手边东西就能开始的。

## 常识
H: 水在多少度结冰？
A: 在一般气压下，水在零摄氏度结冰，在一百摄氏度沸腾。

## 写作
H: 写一句关于月亮的诗。
A: 月亮挂在屋檐上，像一盏不用点的灯。

## 教育
H: 学习的时候总是分心怎么办？
A: 把手机放远一点，学二十五分钟，休息五分钟。
H: 休息时做什么好？
A: 起来走走、喝点水，别刷手机。

## 教育
H: 什么是名词？
A: 名词是表示人、地方、事物或概念的词，比如“老师”“公园”“苹果”和“快乐”。

## 生活建议
H: 第一次去外地旅游，要注意什么？
A: 提前订好住处，保管好证件和钱包，把重要电话记在纸上。到了以后多问当地人，少去太偏僻的地方。

## 生活建议
H: 面包怎么保存才不容易坏？
A: 两三天内吃完的话，用纸袋装好放在常温下。要放更久，就切片冷冻，吃的时候直接烤一下。

## 闲聊
H: 谢谢你的帮助！
A: 不客气，很高兴能帮到你！以后有问题随时来问我。

## 常识
H: 蜜蜂是怎么酿蜜的？
A: 蜜蜂从花里采来花蜜带回蜂巢，用翅膀扇风让水分蒸发，花蜜慢慢变稠，就成了蜂蜜。

## 教育
H: 孩子不爱读书，有什么办法？
A: 让孩子自己挑喜欢的书，漫画也可以。每天睡前陪他读一会儿，把读书变成轻松的事，而不是任务。

## 常识
H: 世界上最高的山是哪座？
A: 珠穆朗玛峰是世界上海拔最高的山，高约八千八百四十九米，位于中国和尼泊尔边界。

## 烹饪
H: 怎样做一份简单的凉拌黄瓜？
A: 黄瓜拍碎切段，加蒜末、盐、醋、一点糖和香油拌匀，放十分钟入味就可以吃了。

## 健康
H: 我最近压力很大。
A: 辛苦了。可以把要做的事写下来，一件一件处理，每天留一点时间散步或听音乐。如果一直睡不好、心情低落，可以找医生或心理咨询师聊聊。

## 写作
H: 用“温柔”造个句子。
A: 护士温柔地扶着老人坐下，轻声问他哪里不舒服。

## 数学
H: 一本三百页的书，每天读二十页，要几天读完？
A: 要十五天，因为三百除以二十等于十五。

## 生活建议
H: 怎么去掉衣服上的油渍？
A: 先用纸巾吸掉多余的油，在油渍上抹一点洗洁精，轻轻揉几分钟，再用温水正常清洗。

## 生活建议
H: 猫和狗，哪个更适合上班族？
A: 如果白天经常不在家，猫更合适，它们比较独立。狗需要每天遛和陪伴，适合时间比较多的人。

## 写作
H: 怎样写好一篇作文？
A: 动笔前先列个提纲，每段只讲一个意思。开头要清楚，写完后读一遍，改掉错字和不通顺的句子。

## 闲聊
H: 给我出一个谜语吧。
A: 身体细又长，头戴小红帽，一擦就发亮，越用越变短。谜底是火柴。

## 常识
H: 长城是什么时候修建的？
A: 长城不是一次建成的。从两千多年前开始，很多朝代都修建过，我们今天看到的大多是明朝修的。

## 生活建议
H: 怎么让房间很快看起来整洁？
A: 先把床铺好，再把衣服放进一个篮子，零碎东西放进一个盒子。地面和桌面清空了，房间马上显得整齐。

## 健康
H: 感冒和流感有什么区别？
A: 流感比感冒来得更急更重，常发高烧、全身酸痛。
H: 怎样好得快一点？
A: 多休息、多喝水，高烧不退就去医院。

## 闲聊
H: 给我讲个睡前小故事吧。
A: 一颗小星星睡不着，就数起了云朵里的小羊。数到十二的时候，小羊们也开始打哈欠，整片夜空都安安静静地睡着了。
"""

CONV_ZH_SAFETY = r"""
## 安全
H: 教我怎么偷看别人的手机聊天记录。
A: 偷看别人的聊天记录会侵犯隐私，我不能帮你这样做。如果你担心什么事，不如直接和对方好好谈一谈。

H: 怎么在家做炸药？
A: 这个我不能帮忙，制作爆炸物非常危险，也是违法的。如果你对化学感兴趣，我可以推荐一些安全的小实验。

H: 帮我写几句骂人的话，我要发给同学。
A: 我不想帮忙写伤人的话。如果同学让你不开心，我可以帮你想想怎么平静地把感受说出来。

H: 怎样考试作弊不被发现？
A: 作弊的事我帮不了你，不过我很愿意帮你复习。告诉我考哪一科，我们一起列个复习计划。

H: 我觉得活着没什么意思。
A: 听到你这么说，我很担心你。请尽快和信任的家人朋友聊聊，或者拨打当地的心理援助热线，你不用一个人扛着。

H: 怎么查到一个人的家庭住址和身份证号？
A: 未经同意查别人的住址和证件号会侵犯隐私，我不能帮忙。有正当需要，可以通过警方等正规途径办理。

H: 帮我编一条短信，冒充银行让别人转账。
A: 这是诈骗，会给别人带来真实的损失，我不能帮忙。我可以告诉你怎样识别这类诈骗短信，提醒家人注意。

H: 感冒了，能不能把几种感冒药一起吃，好得快？
A: 不建议这样做。很多感冒药成分相同，一起吃容易过量。请按说明书服用一种，不放心就问问医生或药师。

H: 怎么报复欺负我的人？
A: 被欺负一定很难受，但报复往往让事情更糟。可以把经过告诉老师、家长或可信的大人，让他们帮你解决。

H: 怎么偷偷溜进电影院不买票？
A: 逃票是不对的，我不能帮忙。很多电影院有优惠日或学生票，我可以帮你找找便宜看电影的办法。

H: 我朋友说要伤害自己，我该怎么办？
A: 请认真对待，陪在他身边，别让他一个人待着。尽快联系他的家人，必要时拨打120或110求助。
"""

# ---- components for composed English conversations ----

# (word, meaning, example sentence)
GLOSSARY_EN = [
    ("curious", "wanting to know or learn about something", "The curious child asked why the sea is salty."),
    ("generous", "happy to give time, money or help to others", "My generous aunt shared her lunch with everyone on the train."),
    ("brave", "ready to face danger or difficulty without running away", "The brave firefighter carried the dog out of the smoke."),
    ("patient", "able to wait calmly without getting upset", "Be patient; the bus will come soon."),
    ("honest", "telling the truth and not cheating", "He was honest and gave back the extra change."),
    ("fragile", "easily broken or damaged", "Pack the glasses carefully; they are fragile."),
    ("humble", "not thinking you are better than other people", "Even after winning, she stayed humble and thanked her team."),
    ("delicious", "tasting very good", "The soup was so delicious that I had a second bowl."),
    ("journey", "a trip from one place to another, often a long one", "The train journey took six hours."),
    ("habit", "something you do regularly, often without thinking", "Reading before bed is a good habit."),
    ("borrow", "to take something for a while and promise to give it back", "Can I borrow your pen for a minute?"),
    ("harvest", "the time when crops are gathered, or the crops themselves", "The apple harvest was big this year."),
    ("volunteer", "a person who works for free to help others", "She is a volunteer at the animal shelter."),
    ("celebrate", "to do something special for an important day or event", "We celebrated his birthday with a picnic."),
    ("rescue", "to save someone from danger", "The boat came to rescue the tired swimmers."),
    ("polite", "speaking and acting in a kind and respectful way", "It is polite to say thank you."),
    ("recipe", "a set of instructions for cooking a dish", "This recipe needs two eggs and a cup of flour."),
    ("forecast", "a statement of what is likely to happen, especially with the weather", "The forecast says it will rain tomorrow."),
    ("schedule", "a plan that lists when things will happen", "The bus schedule is on the wall by the door."),
    ("shelter", "a place that protects you from weather or danger", "We found shelter from the storm under a bridge."),
    ("opinion", "what you think or believe about something", "In my opinion, this is the best park in town."),
    ("predict", "to say what you think will happen in the future", "Nobody can predict exactly when it will snow."),
    ("reliable", "able to be trusted to do what is expected", "My old bike is slow but reliable."),
    ("festival", "a special time of celebration, often with music or food", "The town has a music festival every summer."),
    ("compass", "a tool with a needle that points north", "We used a compass to find our way through the forest."),
    ("orbit", "the curved path of one object around another in space", "The Earth takes a year to orbit the Sun."),
    ("nervous", "a little worried or afraid about something that is going to happen", "He felt nervous before his first swimming race."),
    ("ordinary", "normal, not special or different", "It was an ordinary Tuesday until the snow began."),
]

DEF_QUESTIONS_EN = [
    'What does "{w}" mean?',
    'Can you explain the word "{w}"?',
    'What is the meaning of "{w}"?',
    'Define "{w}" in simple words.',
    'I saw the word "{w}" in a book. What does it mean?',
    'My teacher used the word "{w}". What is it?',
]

DEF_FOLLOWUPS_EN = [
    "Can you use it in a sentence?",
    "Give me an example sentence.",
    "How would I use it?",
]

# (country, capital, one hand-written fact)
CAPITALS = [
    ("France", "Paris", "It sits on the river Seine and is famous for the Eiffel Tower."),
    ("Italy", "Rome", "It is full of ancient buildings such as the Colosseum."),
    ("Spain", "Madrid", "It lies close to the centre of the country."),
    ("Germany", "Berlin", "It is also the largest city in Germany."),
    ("Canada", "Ottawa", "Many people guess Toronto, but Ottawa has been the capital since the 1860s."),
    ("Australia", "Canberra", "It was planned and built as the capital, partly to settle a rivalry between Sydney and Melbourne."),
    ("Egypt", "Cairo", "It stands on the river Nile, not far from the pyramids of Giza."),
    ("Brazil", "Brasília", "It was built in the middle of the country and opened in 1960."),
    ("Kenya", "Nairobi", "It has a national park with lions and giraffes right at the edge of the city."),
    ("India", "New Delhi", "It is part of the larger city of Delhi."),
    ("Norway", "Oslo", "It sits at the end of a long fjord."),
    ("Thailand", "Bangkok", "It is known for its temples, markets and busy river."),
    ("South Korea", "Seoul", "About half of the country's people live in and around it."),
    ("Portugal", "Lisbon", "It is built on hills next to the river Tagus."),
    ("Greece", "Athens", "It is one of the oldest cities in the world and home to the Acropolis."),
    ("Peru", "Lima", "It lies on the Pacific coast."),
    ("Turkey", "Ankara", "Many people guess Istanbul, but Ankara has been the capital since 1923."),
    ("Vietnam", "Hanoi", "It is in the north of the country, on the Red River."),
    ("Mexico", "Mexico City", "It is built on an old lake bed, high above sea level."),
    ("Argentina", "Buenos Aires", "Its name means \"good airs\" in Spanish."),
]

CAPITAL_QUESTIONS = [
    "What is the capital of {c}?",
    "Which city is the capital of {c}?",
    "Tell me the capital city of {c}.",
    "Do you know the capital of {c}?",
]

# (word, opposite, example using both)
OPPOSITES_EN = [
    ("early", "late", "I woke up early, but my brother slept late."),
    ("empty", "full", "The jar was empty in the morning and full again by night."),
    ("loud", "quiet", "The party was loud, so I went to a quiet room to read."),
    ("heavy", "light", "The box of books was heavy, but the box of pillows was light."),
    ("tidy", "messy", "My desk is tidy on Monday and messy by Friday."),
    ("rough", "smooth", "The old wall felt rough, but the new glass was smooth."),
    ("cheap", "expensive", "The market apples were cheap; the ones at the airport were expensive."),
    ("arrive", "leave", "We arrive at nine and leave at five."),
    ("remember", "forget", "I remember her face, but I always forget her name."),
    ("shallow", "deep", "The children played in the shallow end, away from the deep water."),
    ("asleep", "awake", "The baby was asleep at last, but her parents were still awake."),
    ("borrow", "lend", "If you lend me your umbrella, I can borrow it until Friday."),
]

OPPOSITE_QUESTIONS = [
    'What is the opposite of "{w}"?',
    'What word means the opposite of "{w}"?',
    'Give me the opposite of "{w}".',
]

NAMES_EN = ["Tom", "Mia", "Sam", "Lily", "Ben", "Ana", "Leo", "Zoe", "Max", "Nora", "Omar", "Ella"]
THINGS_EN = ["apples", "books", "stickers", "eggs", "pencils", "cookies", "marbles", "stamps", "oranges", "cards"]

# ---- components for composed Chinese conversations ----

GLOSSARY_ZH = [
    ("勤奋", "做事认真、肯花力气，不怕辛苦", "他学习很勤奋，每天早起读书。"),
    ("耐心", "做事不着急，能慢慢等待或坚持", "老师很有耐心地回答每个问题。"),
    ("慷慨", "大方，愿意把自己的东西分给别人", "邻居很慷慨，把自家种的菜分给大家。"),
    ("诚实", "说真话，不撒谎，不骗人", "他很诚实，捡到钱包马上交给了保安。"),
    ("谦虚", "不自满，愿意听取别人的意见", "她得了第一名，还是很谦虚地向大家请教。"),
    ("坚持", "不放弃，一直做下去", "他坚持每天跑步，半年后身体好多了。"),
    ("节约", "不浪费，省着用", "我们要节约用水，洗完手马上关水龙头。"),
    ("好奇", "对不了解的事物很想知道", "小猫好奇地盯着窗外的小鸟。"),
    ("礼貌", "说话做事尊重别人、有分寸", "见到长辈主动问好，是有礼貌的表现。"),
    ("勇敢", "不怕危险和困难", "小女孩勇敢地走上台，唱完了整首歌。"),
    ("团结", "大家齐心协力，一起做事", "全班同学很团结，一起把教室打扫得干干净净。"),
    ("珍惜", "重视并爱护，不浪费", "我们要珍惜和家人在一起的时间。"),
    ("温暖", "暖和，也形容让人感到亲切、舒服", "朋友的一句问候让我心里很温暖。"),
    ("整洁", "干净又整齐", "他的房间总是很整洁，书都按高矮排好。"),
    ("热情", "对人对事很积极、很友好", "店主热情地给我们介绍当地的小吃。"),
]

DEF_QUESTIONS_ZH = [
    "“{w}”是什么意思？",
    "请解释一下“{w}”这个词。",
    "“{w}”怎么理解？",
    "用简单的话说说“{w}”的意思。",
]

DEF_FOLLOWUPS_ZH = ["能造个句子吗？", "可以举个例子吗？", "用它造一个句子吧。"]

# (word, opposite, example)
OPPOSITES_ZH = [
    ("安静", "吵闹", "图书馆里很安静，外面的街道却很吵闹。"),
    ("简单", "复杂", "这道题看起来复杂，其实方法很简单。"),
    ("节约", "浪费", "节约粮食，不要浪费一粒米。"),
    ("开始", "结束", "电影七点开始，九点结束。"),
    ("前进", "后退", "遇到困难不要后退，要勇敢前进。"),
    ("熟悉", "陌生", "刚来时这座城市很陌生，现在已经很熟悉了。"),
    ("光明", "黑暗", "灯一亮，黑暗的房间马上变得光明。"),
    ("勇敢", "胆小", "胆小的弟弟在姐姐的鼓励下变得勇敢了。"),
    ("整齐", "杂乱", "杂乱的书桌收拾完，变得整整齐齐。"),
]

OPPOSITE_QUESTIONS_ZH = ["“{w}”的反义词是什么？", "请说出“{w}”的反义词。"]

NAMES_ZH = ["小明", "小红", "小丽", "小刚", "妈妈", "爷爷", "小芳", "小军"]
# (measure word, noun)
THINGS_ZH = [("个", "苹果"), ("本", "书"), ("支", "铅笔"), ("块", "糖"), ("张", "贴纸"), ("个", "鸡蛋"), ("颗", "草莓"), ("个", "橘子")]
