import { describe, expect, test } from "vitest";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { reviewFlow } from "../../src/service/flow/loadFlow.js";
import { checkMidSentence } from "../../src/service/flow/midSentenceSchema.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { sayMidSentence } from "../../src/service/sayMidSentence.js";
import { writeSpeech } from "../../src/service/twiml/composeSpeech.js";
import type { Notice } from "../../src/service/types.js";
import { DIRECTORY_FILE, defined, FLOW_FILE, flowJson } from "../fixtures/flowFixtures.js";

const callFlow = loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
const speech = writeSpeech(callFlow);
/** A wall-clock time in the Northwest in November (PST). */
const pst = (local: string) => Date.parse(`${local}-08:00`);

/** What a Northwest caller hears of member services' call-back and hours, in one language. */
interface Heard {
  /** Asked on Saturday: the offer at Monday's opening. */
  readonly monday: string;
  /** Asked on Monday evening: at tomorrow's opening. */
  readonly tomorrow: string;
  /** Transfer failed on Wednesday at 12:00, the team open: after the retry spacing, today. */
  readonly unreachable: string;
  /** Asked on Saturday: a date beyond the coming week. */
  readonly date: string;
  /** The goodbye once queued. */
  readonly requested: string;
  readonly hours: string;
}

const offer = (at: number, days: number, unreachable = false): Notice => ({
  kind: "callbackOffer",
  team: "memberServices",
  region: "northwest",
  at,
  days,
  ...(unreachable ? { unreachable } : {}),
});
const said = (lang: string): Heard => ({
  monday: speech.notice(offer(pst("2026-11-30T08:00"), 2), "main", lang),
  tomorrow: speech.notice(offer(pst("2026-12-01T08:00"), 1), "main", lang),
  unreachable: speech.notice(offer(pst("2026-12-02T12:20"), 0, true), "main", lang),
  date: speech.notice(offer(pst("2027-01-04T08:00"), 9), "main", lang),
  requested: speech.notice(
    {
      kind: "callbackRequested",
      team: "memberServices",
      region: "northwest",
      from: pst("2026-11-30T08:00"),
      days: 2,
      pending: false,
    },
    "main",
    lang,
  ),
  hours: speech.hours("northwest", "memberServices", lang),
});

/**
 * Every language of the line, as said: days, dates and zones are Intl's, begun as the language writes them
 * mid-sentence (Vietnamese "thứ Hai", "hôm nay", "giờ"; English and Tagalog weekdays capitalised anywhere;
 * Spanish and French lower-case; Chinese without capitals).
 */
const HEARD: Readonly<Record<string, Heard>> = {
  en: {
    monday: "To get a call back when member services opens, Monday at 8 AM, press 5.",
    tomorrow: "To get a call back when member services opens, tomorrow at 8 AM, press 5.",
    unreachable: "To get a call back from member services, today after 12:20 PM, press 5.",
    date: "To get a call back when member services opens, Monday, January 4 at 8 AM, press 5.",
    requested: "Thank you. Member services will call you back Monday after 8 AM. Goodbye.",
    hours: "Monday through Friday, from 8 AM to 5 PM, Pacific Time",
  },
  es: {
    monday: "Para que le devolvamos la llamada cuando abra servicios para miembros, lunes a las 8 a.m., oprima 5.",
    tomorrow: "Para que le devolvamos la llamada cuando abra servicios para miembros, mañana a las 8 a.m., oprima 5.",
    unreachable: "Para que servicios para miembros le devuelva la llamada, hoy después de las 12:20 p.m., oprima 5.",
    date: "Para que le devolvamos la llamada cuando abra servicios para miembros, lunes, 4 de enero a las 8 a.m., oprima 5.",
    requested: "Gracias. Servicios para miembros le devolverá la llamada lunes después de las 8 a.m. Adiós.",
    hours: "lunes a viernes, de 8 a.m. a 5 p.m., hora del Pacífico",
  },
  cmn: {
    monday: "如需在会员服务开放时（星期一8时）接到回电，请按5。",
    tomorrow: "如需在会员服务开放时（明天8时）接到回电，请按5。",
    unreachable: "如需会员服务在今天12:20以后给您回电，请按5。",
    date: "如需在会员服务开放时（1月4日星期一8时）接到回电，请按5。",
    requested: "谢谢。会员服务将于星期一8时以后给您回电。再见。",
    hours: "北美太平洋时间，星期一至星期五，8时至17时",
  },
  yue: {
    monday: "如果想喺會員服務開放嘅時候（星期一上晝8時）收到回電，請按5。",
    tomorrow: "如果想喺會員服務開放嘅時候（聽日上晝8時）收到回電，請按5。",
    unreachable: "如果想會員服務喺今日下晝12:20之後打返俾你，請按5。",
    date: "如果想喺會員服務開放嘅時候（1月4日 星期一上晝8時）收到回電，請按5。",
    requested: "多謝。會員服務會喺星期一上晝8時之後打返俾你。再見。",
    hours: "太平洋時間，星期一至星期五，上晝8時至下晝5時",
  },
  vi: {
    monday: "Để được gọi lại khi Ban Dịch vụ Hội viên mở cửa, thứ Hai lúc 08 giờ, xin bấm số 5.",
    tomorrow: "Để được gọi lại khi Ban Dịch vụ Hội viên mở cửa, ngày mai lúc 08 giờ, xin bấm số 5.",
    unreachable: "Để được Ban Dịch vụ Hội viên gọi lại, hôm nay sau 12:20, xin bấm số 5.",
    date: "Để được gọi lại khi Ban Dịch vụ Hội viên mở cửa, thứ Hai, 4 tháng 1 lúc 08 giờ, xin bấm số 5.",
    requested: "Cảm ơn quý vị. Ban Dịch vụ Hội viên sẽ gọi lại cho quý vị thứ Hai sau 08 giờ. Tạm biệt.",
    hours: "thứ Hai đến thứ Sáu, từ 08 giờ đến 17 giờ, theo giờ Thái Bình Dương",
  },
  tl: {
    monday: "Para matawagan kayo pabalik pagbukas ng Member Services, Lunes nang 8 AM, pindutin ang 5.",
    tomorrow: "Para matawagan kayo pabalik pagbukas ng Member Services, bukas nang 8 AM, pindutin ang 5.",
    unreachable: "Para matawagan kayo pabalik ng Member Services, ngayong araw pagkalipas ng 12:20 PM, pindutin ang 5.",
    date: "Para matawagan kayo pabalik pagbukas ng Member Services, Lunes, Enero 4 nang 8 AM, pindutin ang 5.",
    requested: "Salamat. Tatawagan kayo pabalik ng Member Services Lunes pagkalipas ng 8 AM. Paalam.",
    hours: "Lunes hanggang Biyernes, mula 8 AM hanggang 5 PM, Oras sa Pasipiko sa HIlagang Amerika",
  },
  fr: {
    monday: "Pour être rappelé à l'ouverture du service aux membres, lundi à 08 h, appuyez sur 5.",
    tomorrow: "Pour être rappelé à l'ouverture du service aux membres, demain à 08 h, appuyez sur 5.",
    unreachable: "Pour être rappelé par le service aux membres, aujourd’hui après 12:20, appuyez sur 5.",
    date: "Pour être rappelé à l'ouverture du service aux membres, lundi 4 janvier à 08 h, appuyez sur 5.",
    requested: "Merci. Le service aux membres vous rappellera lundi après 08 h. Au revoir.",
    hours: "du lundi au vendredi, de 08 h à 17 h, heure du Pacifique nord-américain",
  },
};

describe("days, dates and zones mid-sentence, in every language of the line", () => {
  test("every language of the line has its row", () => {
    expect(Object.keys(HEARD)).toEqual(Object.keys(callFlow.flow.languages));
  });

  test.each(Object.entries(HEARD))("%s", (lang, heard) => {
    expect(said(lang)).toEqual(heard);
  });

  test("without its midSentence, Vietnamese says Intl's sentence-start forms (the defect the rule fixes)", () => {
    const { midSentence: _forms, ...plainVi } = defined(callFlow.flow.languages.vi);
    const languages = { ...callFlow.flow.languages, vi: plainVi };
    const plain = writeSpeech({ ...callFlow, flow: { ...callFlow.flow, languages } });
    expect(plain.notice(offer(pst("2026-11-30T08:00"), 2), "main", "vi")).toBe(
      "Để được gọi lại khi Ban Dịch vụ Hội viên mở cửa, Thứ Hai lúc 08 giờ, xin bấm số 5.",
    );
    expect(plain.hours("northwest", "memberServices", "vi")).toBe(
      "Thứ Hai đến Thứ Sáu, từ 08 giờ đến 17 giờ, theo Giờ Thái Bình Dương",
    );
  });
});

describe("a language's mid-sentence forms", () => {
  const vi = { Thứ: "thứ", "Chủ Nhật": "Chủ nhật", "Hôm nay": "hôm nay" };
  test.each([
    ["Thứ Hai", "thứ Hai"],
    ["Thứ Hai, 4 tháng 1", "thứ Hai, 4 tháng 1"],
    ["Chủ Nhật", "Chủ nhật"],
    ["Hôm nay", "hôm nay"],
    ["Thứa", "Thứa"],
    ["Lunes", "Lunes"],
    ["thứ Ba", "thứ Ba"],
  ])("%s → %s", (words, midSentence) => {
    expect(sayMidSentence(words, vi)).toBe(midSentence);
  });

  test("the longest start wins", () => {
    expect(sayMidSentence("Giờ Chuẩn Hawaii", { Giờ: "giờ", "Giờ Chuẩn": "giờ chuẩn" })).toBe("giờ chuẩn Hawaii");
  });

  test("none: Intl's words as they are", () => {
    expect(sayMidSentence("Thứ Hai", undefined)).toBe("Thứ Hai");
  });

  test.each([
    [{ Thứ: "thứ" }, []],
    [
      { Thứ: "thu" },
      [
        'languages.vi.midSentence."Thứ": "thu" must be the same letters as "Thứ", only their capitals changed (e.g. "thứ")',
      ],
    ],
    [
      { "Hôm nay": "hôm qua" },
      [
        'languages.vi.midSentence."Hôm nay": "hôm qua" must be the same letters as "Hôm nay", only their capitals changed (e.g. "hôm nay")',
      ],
    ],
  ])("the check of %j", (forms, problems) => {
    expect(checkMidSentence("languages.vi", "vi-VN", forms)).toEqual(problems);
  });

  test("the flow check refuses a form that changes letters, naming the field", () => {
    const json = flowJson();
    defined(json.languages.vi).midSentence = { Thứ: "thu" };
    expect(reviewFlow(json, loadDirectory(DIRECTORY_FILE))).toEqual([
      'languages.vi.midSentence."Thứ": "thu" must be the same letters as "Thứ", only their capitals changed (e.g. "thứ")',
    ]);
  });
});
