/** The maths lessons, grades 3 and 4 in Arabic and English, their facts computed from seeded random numbers. */
import { between, pick, shuffle, type Rng } from '../random.js';
import { BLANK, article, equation, fact, generated, question, slips, type LessonSpec, type Locale } from './facts.js';

const WORD_PROBLEMS_AR: readonly ((a: number, b: number) => { text: string; answer: number; slip: number })[] = [
  (a, b) => ({ text: `فِي الحَدِيقَةِ ${a + b} مِنَ العَصَافِيرِ، وَطَارَ مِنْهَا ${b}. كَمْ عُصْفُورًا بَقِيَ فِي الحَدِيقَةِ؟`, answer: a, slip: a + 2 * b }),
  (a, b) => ({ text: `مَعَ يُوسُفَ ${a} مِنَ الأَقْلَامِ، وَاشْتَرَى ${b} أُخْرَى. كَمْ قَلَمًا مَعَهُ الآنَ؟`, answer: a + b, slip: Math.abs(a - b) }),
  (a, b) => ({ text: `فِي المَكْتَبَةِ ${a + b} مِنَ الكُتُبِ، وَاسْتَعَارَ الطُّلَّابُ ${b} مِنْهَا. كَمْ كِتَابًا بَقِيَ؟`, answer: a, slip: a + 2 * b }),
  (a, b) => ({ text: `قَطَفَتْ سَارَةُ ${a} مِنَ التُّفَّاحِ، وَقَطَفَتْ أُخْتُهَا ${b}. كَمْ تُفَّاحَةً قَطَفَتَا مَعًا؟`, answer: a + b, slip: Math.abs(a - b) }),
  (a, b) => ({ text: `فِي الحَافِلَةِ ${a} مِنَ الرُّكَّابِ، وَصَعِدَ ${b} آخَرُونَ. كَمْ رَاكِبًا فِي الحَافِلَةِ الآنَ؟`, answer: a + b, slip: Math.abs(a - b) }),
];

const WORD_PROBLEMS_EN: readonly ((a: number, b: number) => string)[] = [
  (a, b) => `There are ${a} boxes with ${b} pencils in each box. How many pencils are there altogether?`,
  (a, b) => `A bus has ${a} rows of seats with ${b} seats in each row. How many seats are there?`,
  (a, b) => `Each child gets ${b} stickers. How many stickers do ${a} children get?`,
  (a, b) => `A farmer plants ${a} rows of ${b} trees. How many trees does he plant?`,
  (a, b) => `A pack holds ${b} juice boxes. How many juice boxes are in ${a} packs?`,
];

/** a × b from one set of tables, as `equation` facts. */
const timesTable = (locale: Locale, rng: Rng, tables: readonly number[]) => {
  const a = pick(rng, tables);
  const b = between(rng, 2, 10);
  return equation(locale, rng, `${a} × ${b}`, a * b, slips(a * b, a * (b + 1), a * (b - 1), a + b));
};

/** (d × q) ÷ d, as `equation` facts. */
const divisionTable = (locale: Locale, rng: Rng, divisors: readonly number[]) => {
  const d = pick(rng, divisors);
  const q = between(rng, 2, 10);
  return equation(locale, rng, `${d * q} ÷ ${d}`, q, slips(q, q + 1, q - 1, d));
};

export const MATH_LESSONS: readonly LessonSpec[] = [
  {
    title: 'الجَمْعُ وَالطَّرْحُ', subject: 'MATH', grade: 3, locale: 'ar', concepts: [
      generated('الجَمْعُ ضِمْنَ 100', (rng) => {
        // Ones and tens each add up to 9 at most: no regrouping yet.
        const [tensA, onesA] = [between(rng, 1, 7), between(rng, 0, 9)];
        const [tensB, onesB] = [between(rng, 1, 8 - tensA), between(rng, 0, 9 - onesA)];
        const [a, b] = [10 * tensA + onesA, 10 * tensB + onesB];
        return equation('ar', rng, `${a} + ${b}`, a + b, slips(a + b, a + b + 10, a + b - 10));
      }),
      generated('الطَّرْحُ ضِمْنَ 100', (rng) => {
        const [tensA, onesA] = [between(rng, 3, 9), between(rng, 0, 9)];
        const [tensB, onesB] = [between(rng, 1, tensA - 1), between(rng, 0, onesA)];
        const [a, b] = [10 * tensA + onesA, 10 * tensB + onesB];
        return equation('ar', rng, `${a} − ${b}`, a - b, slips(a - b, a - b + 10, a - b - 10));
      }),
      generated('الجَمْعُ مَعَ إِعَادَةِ التَّجْمِيعِ', (rng) => {
        // The ones make ten or more, so one ten carries.
        const onesA = between(rng, 1, 9);
        const a = 10 * between(rng, 10, 48) + onesA;
        const b = 10 * between(rng, 10, 49) + between(rng, 10 - onesA, 9);
        return equation('ar', rng, `${a} + ${b}`, a + b, slips(a + b, a + b - 10, a + b + 100));
      }),
      generated('الطَّرْحُ مَعَ إِعَادَةِ التَّجْمِيعِ', (rng) => {
        // The ones of `b` exceed those of `a`, so a ten is borrowed.
        const onesA = between(rng, 0, 8);
        const tensA = between(rng, 30, 99);
        const a = 10 * tensA + onesA;
        const b = 10 * between(rng, 10, tensA - 1) + between(rng, onesA + 1, 9);
        return equation('ar', rng, `${a} − ${b}`, a - b, slips(a - b, a - b + 10, a - b - 10, a - b + 100));
      }),
      generated('مَسَائِلُ كَلَامِيَّةٌ فِي الجَمْعِ وَالطَّرْحِ', (rng) => {
        const { text, answer, slip } = pick(rng, WORD_PROBLEMS_AR)(between(rng, 12, 45), between(rng, 5, 30));
        return question('ar', rng, text, answer, slips(answer, slip));
      }),
    ],
  },
  {
    title: 'Multiplication', subject: 'MATH', grade: 3, locale: 'en', concepts: [
      generated('Times tables: 2, 5 and 10', (rng) => timesTable('en', rng, [2, 5, 10])),
      generated('Times tables: 3 and 4', (rng) => timesTable('en', rng, [3, 4])),
      generated('Times tables: 6 to 9', (rng) => timesTable('en', rng, [6, 7, 8, 9])),
      generated('Multiplying by 10 and 100', (rng) => {
        const a = between(rng, 2, 99);
        const factor = pick(rng, [10, 100]);
        return equation('en', rng, `${a} × ${factor}`, a * factor, slips(a * factor, a * (factor === 10 ? 100 : 10), a + factor, a * factor * 10));
      }),
      generated('Multiplication word problems', (rng) => {
        const a = between(rng, 3, 9);
        const b = between(rng, 3, 12);
        return question('en', rng, pick(rng, WORD_PROBLEMS_EN)(a, b), a * b, slips(a * b, a + b, a * b + b, a * b - a));
      }),
    ],
  },
  {
    title: 'القِسْمَةُ', subject: 'MATH', grade: 3, locale: 'ar', concepts: [
      generated('القِسْمَةُ عَلَى 2 وَ5 وَ10', (rng) => divisionTable('ar', rng, [2, 5, 10])),
      generated('القِسْمَةُ عَلَى 3 وَ4', (rng) => divisionTable('ar', rng, [3, 4])),
      generated('القِسْمَةُ عَلَى 6 إِلَى 9', (rng) => divisionTable('ar', rng, [6, 7, 8, 9])),
      generated('القِسْمَةُ مَعَ بَاقٍ', (rng) => {
        const d = between(rng, 3, 9);
        const q = between(rng, 2, 9);
        const r = between(rng, 1, d - 1);
        const n = d * q + r;
        return fact(rng, {
          ask: `مَا بَاقِي قِسْمَةِ ${n} عَلَى ${d}؟`,
          claim: (v) => `بَاقِي قِسْمَةِ ${n} عَلَى ${d} هُوَ ${v}.`,
          answer: String(r),
          wrong: slips(r, q, d - r, r + 1),
        });
      }),
      generated('العَلَاقَةُ بَيْنَ الضَّرْبِ وَالقِسْمَةِ', (rng) => {
        const a = between(rng, 2, 9);
        const b = between(rng, 2, 9);
        const given = `إِذَا كَانَ ${a} × ${b} = ${a * b}`;
        return fact(rng, {
          ask: `${given}، فَكَمْ يُسَاوِي ${a * b} ÷ ${a}؟`,
          claim: (v) => `${given}، فَإِنَّ ${a * b} ÷ ${a} = ${v}`,
          answer: String(b),
          wrong: slips(b, a, a * b - a, b + 1),
        });
      }),
    ],
  },
  {
    title: 'Place value and rounding', subject: 'MATH', grade: 3, locale: 'en', concepts: [
      generated('Place value', (rng) => {
        const digits = shuffle(rng, [1, 2, 3, 4, 5, 6, 7, 8, 9]).slice(0, 3);
        const n = Number(digits.join(''));
        const place = between(rng, 0, 2);
        const digit = digits[2 - place]!;
        const value = digit * 10 ** place;
        return fact(rng, {
          ask: `What is the value of the digit ${digit} in ${n}?`,
          claim: (v) => `The digit ${digit} in ${n} has the value ${v}.`,
          answer: String(value),
          wrong: [0, 1, 2, 3].filter((p) => p !== place).map((p) => String(digit * 10 ** p)),
        });
      }),
      generated('Comparing numbers', (rng) => {
        // Four numbers with the same hundreds digit, so the tens decide.
        const hundreds = between(rng, 1, 9) * 100;
        const distinct = new Set<number>();
        while (distinct.size < 4) distinct.add(hundreds + between(rng, 0, 99));
        const numbers = [...distinct];
        const greatest = Math.max(...numbers);
        const list = numbers.slice(0, 3).join(', ') + ` or ${numbers[3]}`;
        return fact(rng, {
          ask: `Which number is the greatest: ${list}?`,
          claim: (v) => `${v} is the greatest of ${list.replace(' or ', ' and ')}.`,
          answer: String(greatest),
          wrong: [...numbers].sort((x, y) => y - x).slice(1).map(String),
        });
      }),
      generated('Rounding to the nearest ten', (rng) => {
        const n = between(rng, 1, 98) * 10 + pick(rng, [1, 2, 3, 4, 6, 7, 8, 9]);
        const down = n - (n % 10);
        const answer = n % 10 < 5 ? down : down + 10;
        return fact(rng, {
          ask: `Round ${n} to the nearest ten.`,
          claim: (v) => `${n} rounded to the nearest ten is ${v}.`,
          answer: String(answer),
          wrong: slips(answer, answer === down ? down + 10 : down, Math.round(n / 100) * 100, answer + 20),
        });
      }),
      generated('Rounding to the nearest hundred', (rng) => {
        const n = between(rng, 1, 9) * 100 + pick(rng, [between(rng, 1, 49), between(rng, 51, 99)]);
        const down = n - (n % 100);
        const answer = n % 100 < 50 ? down : down + 100;
        return fact(rng, {
          ask: `Round ${n} to the nearest hundred.`,
          claim: (v) => `${n} rounded to the nearest hundred is ${v}.`,
          answer: String(answer),
          wrong: slips(answer, answer === down ? down + 100 : down, Math.round(n / 10) * 10, answer + 200),
        });
      }),
      generated('Odd and even numbers', (rng) => {
        const n = between(rng, 10, 999);
        return fact(rng, {
          ask: `Is ${n} odd or even?`,
          claim: (v) => `${n} is ${v}.`,
          answer: n % 2 === 0 ? 'even' : 'odd',
          wrong: [n % 2 === 0 ? 'odd' : 'even'],
          options: ['odd', 'even'],
        });
      }),
    ],
  },
  {
    title: 'الكُسُورُ', subject: 'MATH', grade: 4, locale: 'ar', concepts: [
      generated('مَفْهُومُ الكَسْرِ', (rng) => {
        const d = between(rng, 3, 10);
        const n = between(rng, 1, d - 1);
        const whole = pick(rng, ['فَطِيرَةٌ', 'كَعْكَةٌ', 'بِطِّيخَةٌ', 'تُفَّاحَةٌ']);
        const story = `قُسِّمَتْ ${whole} إِلَى ${d} أَجْزَاءٍ مُتَسَاوِيَةٍ، وَأُكِلَ مِنْهَا ${n}`;
        return fact(rng, {
          ask: `${story}. مَا الكَسْرُ الَّذِي يُمَثِّلُ مَا أُكِلَ؟`,
          claim: (v) => `${story}؛ فَالكَسْرُ الَّذِي يُمَثِّلُ مَا أُكِلَ هُوَ ${v}.`,
          answer: `${n}/${d}`,
          wrong: [`${d - n}/${d}`, `${n}/${d + 1}`, `${d}/${n}`, `${n + 1}/${d}`],
        });
      }),
      generated('مُقَارَنَةُ الكُسُورِ', (rng) => {
        const d = between(rng, 4, 12);
        const [a, b] = shuffle(rng, Array.from({ length: d - 1 }, (_, i) => i + 1));
        const [x, y] = [`${a}/${d}`, `${b}/${d}`];
        return fact(rng, {
          ask: `أَيُّ الكَسْرَيْنِ أَكْبَرُ: ${x} أَمْ ${y}؟`,
          claim: (v) => `الكَسْرُ ${v} أَكْبَرُ مِنَ الكَسْرِ ${v === x ? y : x}.`,
          blank: `الكَسْرُ الأَكْبَرُ مِنْ بَيْنِ ${x} وَ ${y} هُوَ ${BLANK}.`,
          answer: a! > b! ? x : y,
          wrong: [a! > b! ? y : x],
          options: [x, y],
        });
      }),
      generated('جَمْعُ الكُسُورِ المُتَشَابِهَةِ', (rng) => {
        const d = between(rng, 5, 12);
        const a = between(rng, 1, d - 2);
        const b = between(rng, 1, d - 1 - a);
        return equation('ar', rng, `${a}/${d} + ${b}/${d}`, `${a + b}/${d}`, [`${a + b}/${2 * d}`, `${a + b + 1}/${d}`, `${Math.abs(a - b)}/${d}`, `${a * b}/${d}`]);
      }),
      generated('الكُسُورُ المُتَكَافِئَةُ', (rng) => {
        const b = between(rng, 2, 6);
        const a = between(rng, 1, b - 1);
        const k = between(rng, 2, 5);
        return fact(rng, {
          ask: `${a}/${b} = ؟/${b * k}`,
          claim: (v) => `${a}/${b} = ${v}/${b * k}`,
          answer: String(a * k),
          wrong: slips(a * k, a + k, a * k + 1, b * k - a),
        });
      }),
      generated('كَسْرٌ مِنْ عَدَدٍ', (rng) => {
        const d = pick(rng, [2, 3, 4, 5, 10]);
        const n = between(rng, 1, d - 1);
        const m = d * between(rng, 2, 10);
        return fact(rng, {
          ask: `كَمْ يُسَاوِي ${n}/${d} مِنْ ${m}؟`,
          claim: (v) => `${n}/${d} مِنْ ${m} يُسَاوِي ${v}.`,
          answer: String((m / d) * n),
          wrong: slips((m / d) * n, m / d, m - n, (m / d) * (n + 1)),
        });
      }),
    ],
  },
  {
    title: 'Measurement and geometry', subject: 'MATH', grade: 4, locale: 'en', concepts: [
      generated('Perimeter of rectangles', (rng) => {
        const l = between(rng, 4, 15);
        const w = between(rng, 2, l - 1);
        const rectangle = `A rectangle is ${l} cm long and ${w} cm wide.`;
        return fact(rng, {
          ask: `${rectangle} What is its perimeter?`,
          claim: (v) => `${rectangle} Its perimeter is ${v}.`,
          answer: `${2 * (l + w)} cm`,
          wrong: [l * w, l + w, 2 * l + w].map((n) => `${n} cm`),
        });
      }),
      generated('Area of rectangles', (rng) => {
        const l = between(rng, 3, 12);
        const w = between(rng, 2, l);
        const rectangle = `A rectangle is ${l} cm long and ${w} cm wide.`;
        return fact(rng, {
          ask: `${rectangle} What is its area?`,
          claim: (v) => `${rectangle} Its area is ${v}.`,
          answer: `${l * w} cm²`,
          wrong: [2 * (l + w), l + w, l * w + l].filter((n) => n !== l * w).map((n) => `${n} cm²`),
        });
      }),
      generated('Kinds of angles', (rng) => {
        const degrees = rng() < 0.2 ? 90 : pick(rng, [between(rng, 10, 85), between(rng, 95, 170)]);
        const kind = degrees < 90 ? 'acute' : degrees === 90 ? 'right' : 'obtuse';
        return fact(rng, {
          ask: `What kind of angle measures ${degrees}°?`,
          claim: (v) => `An angle of ${degrees}° is ${article(v)} angle.`,
          answer: kind,
          wrong: ['acute', 'right', 'obtuse'],
          options: ['acute', 'right', 'obtuse'],
        });
      }),
      generated('Units of time', (rng) => {
        const [unit, per, part] = pick(rng, [['hours', 60, 'minutes'], ['minutes', 60, 'seconds'], ['days', 24, 'hours'], ['weeks', 7, 'days']] as const);
        const count = between(rng, 2, 9);
        return fact(rng, {
          ask: `How many ${part} are in ${count} ${unit}?`,
          claim: (v) => `There are ${v} ${part} in ${count} ${unit}.`,
          answer: String(count * per),
          wrong: slips(count * per, count * 100, count * per + per, count * 10),
        });
      }),
      generated('Units of length', (rng) => {
        const [unit, per, part] = pick(rng, [['metres', 100, 'centimetres'], ['kilometres', 1000, 'metres'], ['centimetres', 10, 'millimetres']] as const);
        const count = between(rng, 2, 15);
        return fact(rng, {
          ask: `How many ${part} are in ${count} ${unit}?`,
          claim: (v) => `There are ${v} ${part} in ${count} ${unit}.`,
          answer: String(count * per),
          wrong: slips(count * per, count * per * 10, count * (per === 10 ? 100 : per / 10), count + per),
        });
      }),
    ],
  },
  {
    title: 'الضَّرْبُ وَالقِسْمَةُ المُتَقَدِّمَةُ', subject: 'MATH', grade: 4, locale: 'ar', concepts: [
      generated('الضَّرْبُ فِي عَدَدٍ مِنْ رَقْمٍ وَاحِدٍ', (rng) => {
        const a = between(rng, 12, 250);
        const b = between(rng, 3, 9);
        return equation('ar', rng, `${a} × ${b}`, a * b, slips(a * b, a * b - 10, a * b + 10, a * (b - 1)));
      }),
      generated('الضَّرْبُ فِي عَدَدٍ مِنْ رَقْمَيْنِ', (rng) => {
        const a = between(rng, 11, 49);
        const b = between(rng, 11, 29);
        return equation('ar', rng, `${a} × ${b}`, a * b, slips(a * b, a * (b % 10) + Math.floor(b / 10), a * b + 10, a * b - a));
      }),
      generated('القِسْمَةُ الطَّوِيلَةُ', (rng) => {
        const d = between(rng, 3, 9);
        const q = between(rng, 21, 120);
        return equation('ar', rng, `${d * q} ÷ ${d}`, q, slips(q, q + 10, q - 1, q + 1));
      }),
      generated('تَرْتِيبُ العَمَلِيَّاتِ', (rng) => {
        const [a, b, c] = [between(rng, 2, 20), between(rng, 2, 9), between(rng, 2, 9)];
        const form = between(rng, 0, 2);
        if (form === 0) return equation('ar', rng, `${a} + ${b} × ${c}`, a + b * c, slips(a + b * c, (a + b) * c, a + b + c));
        if (form === 1) return equation('ar', rng, `${b} × ${c} + ${a}`, b * c + a, slips(b * c + a, b * (c + a), b + c + a));
        return equation('ar', rng, `${a + b * c} − ${b} × ${c}`, a, slips(a, (a + b * c - b) * c, a + b));
      }),
      generated('الأَنْمَاطُ العَدَدِيَّةُ', (rng) => {
        const start = between(rng, 1, 50);
        const step = pick(rng, [2, 3, 4, 5, 10, 25]);
        const terms = [0, 1, 2, 3].map((i) => start + i * step);
        const next = start + 4 * step;
        const pattern = terms.join('، ');
        return fact(rng, {
          ask: `مَا العَدَدُ التَّالِي فِي النَّمَطِ: ${pattern}، ...؟`,
          claim: (v) => `العَدَدُ التَّالِي فِي النَّمَطِ ${pattern} هُوَ ${v}.`,
          answer: String(next),
          wrong: slips(next, next + step, next - 1, terms[3]! + 1),
        });
      }),
    ],
  },
];
