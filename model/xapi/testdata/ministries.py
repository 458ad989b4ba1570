# Writes ministries.jsonl, the twarc2 archive of four fictional ministries
# (handles and tweets ours, Arabic texts written for it) that TestMinistries,
# ExampleCheckDeclared and the command's TestXAPIMinistries read:
#   python3 model/xapi/testdata/ministries.py
import json
import os
# Ministries (fictional accounts) and citizens.
users = {
 "1001": "health_ministry", "1002": "commerce_ministry", "1003": "education_ministry", "1004": "housing_ministry",
}
for i in range(1, 16):
    users[str(2000+i)] = "citizen_%02d" % i
tweets = []
def tw(id, author, at, conv, text, reply_to=None, reply_user=None, quoted=None, retweeted=None, mentions=()):
    t = {"id": str(id), "text": text, "author_id": author, "created_at": at, "conversation_id": str(conv),
         "edit_history_tweet_ids": [str(id)], "lang": "ar"}
    refs = []
    if reply_to: refs.append({"type": "replied_to", "id": str(reply_to)})
    if quoted: refs.append({"type": "quoted", "id": str(quoted)})
    if retweeted: refs.append({"type": "retweeted", "id": str(retweeted)})
    if refs: t["referenced_tweets"] = refs
    if reply_user: t["in_reply_to_user_id"] = reply_user
    if mentions:
        t["entities"] = {"mentions": [{"start": 0, "end": len(users[m])+1, "username": users[m], "id": m} for m in mentions]}
    tweets.append(t)
    return t
# Health: answers within hours.
q = [("2001", "@health_ministry متى يبدأ التطعيم الموسمي في المراكز الصحية؟"),
     ("2002", "@health_ministry كيف أحجز موعدًا لطفلي في العيادة؟"),
     ("2003", "@health_ministry هل يلزم تقرير طبي لتجديد الإجازة المرضية؟"),
     ("2004", "@health_ministry الصيدلية لا تصرف الوصفة الإلكترونية، ما الحل؟"),
     ("2005", "@health_ministry أين أجد نتائج التحاليل؟")]
answers = ["يبدأ يوم الأحد في جميع المراكز، ويمكنك الحجز عبر التطبيق.",
           "من خدمة المواعيد في التطبيق، ثم اختر طب الأطفال.",
           "نعم، يصدره الطبيب المعالج إلكترونيًا.",
           "نعتذر عن ذلك، راسلنا برقم الوصفة لنتابعها مع الصيدلية.",
           "في قسم السجل الطبي داخل التطبيق."]
hours = [1, 2, 1, 3, 2]
for k, ((u, text), ans, h) in enumerate(zip(q, answers, hours)):
    qid = 1860000000000000100 + k*10
    day = 3 + k
    tw(qid, u, "2025-11-%02dT08:%02d:00.000Z" % (day, 10+k), qid, text, reply_user="1001", mentions=["1001"])
    tw(qid+1, "1001", "2025-11-%02dT%02d:%02d:00.000Z" % (day, 8+h, 10+k), qid, "@%s %s" % (users[u], ans), reply_to=qid, reply_user=u, mentions=[u])
# Health also posts news.
tw(1860000000000000190, "1001", "2025-11-02T07:00:00.000Z", 1860000000000000190, "حملة التطعيم الموسمي تبدأ الأسبوع المقبل.")
# Commerce: answers in weeks, two never.
q = [("2006", "@commerce_ministry قدمت بلاغًا عن متجر إلكتروني لم يسلّم الطلب منذ شهر."),
     ("2007", "@commerce_ministry كيف أسجل علامة تجارية؟"),
     ("2008", "@commerce_ministry الأسعار في السوق المركزي أعلى من المعلنة."),
     ("2009", "@commerce_ministry لم يصلني رد على شكواي رقم ٤٥١٢."),
     ("2010", "@commerce_ministry هل يلزم ترخيص لبيع المنتجات المنزلية؟")]
waits = [(9, 4), (21, 0), (40, 6), None, None]
for k, ((u, text), w) in enumerate(zip(q, waits)):
    qid = 1860000000000000200 + k*10
    tw(qid, u, "2025-10-%02dT10:00:00.000Z" % (1+k*3), qid, text, reply_user="1002", mentions=["1002"])
    if w:
        import datetime
        at = datetime.datetime(2025, 10, 1+k*3, 10) + datetime.timedelta(days=w[0], hours=w[1])
        tw(qid+1, "1002", at.strftime("%Y-%m-%dT%H:%M:%S.000Z"), qid, "@%s نعتذر عن التأخير، تمت إحالة طلبك إلى الإدارة المختصة." % users[u],
           reply_to=qid, reply_user=u, mentions=[u])
# Education: broadcast only.
for k, text in enumerate(["انطلاق العام الدراسي في موعده.", "إعلان نتائج القبول يوم الخميس.", "جدول الاختبارات النهائية متاح على المنصة.", "تكريم المعلمين المتميزين."]):
    tid = 1860000000000000300 + k*10
    tw(tid, "1003", "2025-11-%02dT06:00:00.000Z" % (2+k*5), tid, text)
for k, (u, text) in enumerate([("2011", "@education_ministry متى تُعلن نتائج النقل بين المدارس؟"),
                               ("2012", "@education_ministry المنصة لا تفتح منذ الصباح."),
                               ("2013", "@education_ministry هل يمكن تأجيل الاختبار لظرف صحي؟")]):
    qid = 1860000000000000305 + k*10
    # replies to the ministry's own posts: a question in its conversation
    root = 1860000000000000300 + k*10
    tw(qid, u, "2025-11-%02dT09:00:00.000Z" % (2+k*5), root, text, reply_to=root, reply_user="1003", mentions=["1003"])
# Housing: a quote and a retweet (not inquiries), a citizen's self-thread, a reply found by conversation.
tw(1860000000000000400, "2014", "2025-11-10T12:00:00.000Z", 1860000000000000400, "@housing_ministry متى يصدر قرار الدعم السكني؟", reply_user="1004", mentions=["1004"])
tw(1860000000000000401, "2014", "2025-11-10T12:05:00.000Z", 1860000000000000400, "قدمت الطلب قبل ثلاثة أشهر.", reply_to=1860000000000000400, reply_user="2014")
# the ministry answered the self-thread's tweet: the first reply of the inquiry
tw(1860000000000000402, "1004", "2025-11-11T09:00:00.000Z", 1860000000000000400, "@citizen_14 يصدر خلال هذا الشهر، وسيصلك إشعار.", reply_to=1860000000000000401, reply_user="2014", mentions=["2014"])
tw(1860000000000000410, "2015", "2025-11-12T08:00:00.000Z", 1860000000000000410, "@housing_ministry الموقع يرفض رفع المستندات.", reply_user="1004", mentions=["1004"])
# the ministry's reply answers a tweet of the conversation that was not collected
tw(1860000000000000412, "1004", "2025-11-13T15:00:00.000Z", 1860000000000000410, "@citizen_15 تم إصلاح الخلل، جرّب مرة أخرى.", reply_to=1860000000000000411, reply_user="2015", mentions=["2015"])
tw(1860000000000000430, "2012", "2025-11-06T07:00:00.000Z", 1860000000000000430, "@housing_ministry هل يشمل الدعم المطلقات؟", reply_user="1004", mentions=["1004"])
tw(1860000000000000431, "1004", "2025-11-06T11:30:00.000Z", 1860000000000000430, "@citizen_12 نعم، بشروط منشورة في بوابة الإسكان.", reply_to=1860000000000000430, reply_user="2012", mentions=["2012"])
tw(1860000000000000420, "2001", "2025-11-14T10:00:00.000Z", 1860000000000000420, "خبر مهم من الوزارة", quoted=1860000000000000402)
tw(1860000000000000421, "2002", "2025-11-14T10:30:00.000Z", 1860000000000000402, "RT @housing_ministry: يصدر خلال هذا الشهر", retweeted=1860000000000000402)
# A tweet withheld in some countries is still a tweet.
for t in tweets:
    if t["id"] == "1860000000000000210":
        t["withheld"] = {"copyright": False, "country_codes": ["DE", "FR"]}
tweets.sort(key=lambda t: t["created_at"])
# Pages of a twarc2 search, newest first as the API returns them; the
# second page lacks includes.users; the third names a deleted tweet.
tweets.reverse()
pages = [tweets[:14], tweets[14:28], tweets[28:]]
out = []
for n, p in enumerate(pages):
    authors = sorted({t["author_id"] for t in p})
    page = {"data": p, "includes": {"users": [{"id": a, "username": users[a], "name": users[a]} for a in authors]},
            "meta": {"result_count": len(p), "newest_id": p[0]["id"], "oldest_id": p[-1]["id"]},
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all?query=...", "version": "2.14.0", "retrieved_at": "2025-11-20T00:00:00+00:00"}}
    if n < len(pages)-1:
        page["meta"]["next_token"] = "token%d" % (n+1)
    if n == 1:
        del page["includes"]["users"]
    if n == 2:
        page["errors"] = [{"value": "1860000000000000499", "detail": "Could not find tweet with ids: [1860000000000000499].", "title": "Not Found Error",
                           "resource_type": "tweet", "parameter": "ids", "resource_id": "1860000000000000499", "type": "https://api.twitter.com/2/problems/resource-not-found"}]
    out.append(json.dumps(page, ensure_ascii=False, separators=(",", ":")))
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ministries.jsonl"), "w").write("\n".join(out) + "\n")
print(len(tweets), "tweets")
