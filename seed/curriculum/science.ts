/** The science lessons, grades 3 and 4 in Arabic and English: living things, materials, Earth and space, the body, energy, ecosystems. */
import { BLANK, article, cap, pairs, questions, type LessonSpec } from './facts.js';

export const SCIENCE_LESSONS: readonly LessonSpec[] = [
  {
    title: 'النَّبَاتَاتُ وَالحَيَوَانَاتُ', subject: 'SCIENCE', grade: 3, locale: 'ar', concepts: [
      pairs('أَجْزَاءُ النَّبَاتِ وَوَظَائِفُهَا', {
        ask: (w) => `مَا الجُزْءُ مِنَ النَّبَاتِ الَّذِي ${w}؟`,
        claim: (w, v) => `الجُزْءُ مِنَ النَّبَاتِ الَّذِي ${w} هُوَ ${v}.`,
      }, [['يَمْتَصُّ المَاءَ مِنَ التُّرْبَةِ', 'الجَذْرُ'], ['يَصْنَعُ الغِذَاءَ لِلنَّبَاتِ', 'الوَرَقَةُ'], ['يَحْمِلُ الأَوْرَاقَ وَيَنْقُلُ المَاءَ', 'السَّاقُ'],
        ['تَتَكَوَّنُ مِنْهُ البُذُورُ وَالثِّمَارُ', 'الزَّهْرَةُ'], ['يَنْمُو مِنْهُ نَبَاتٌ جَدِيدٌ', 'البِذْرَةُ']]),
      pairs('حَاجَاتُ النَّبَاتِ', {
        ask: (w) => `هَلْ يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ؟`,
        claim: (w, v) => `${v === 'نَعَمْ' ? '' : 'لَا '}يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ.`,
        blank: (w) => `هَلْ يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ؟ (نَعَمْ أَوْ لَا) ${BLANK}`,
        options: ['نَعَمْ', 'لَا'],
      }, [['المَاءِ', 'نَعَمْ'], ['ضَوْءِ الشَّمْسِ', 'نَعَمْ'], ['الهَوَاءِ', 'نَعَمْ'], ['تُرْبَةٍ صَالِحَةٍ', 'نَعَمْ'], ['الحَلْوَى', 'لَا'], ['الظَّلَامِ الدَّائِمِ', 'لَا'], ['المِلْحِ الكَثِيرِ', 'لَا']]),
      pairs('تَصْنِيفُ الحَيَوَانَاتِ', {
        ask: (w) => `إِلَى أَيِّ مَجْمُوعَةٍ يَنْتَمِي ${w}؟`,
        claim: (w, v) => `يَنْتَمِي ${w} إِلَى ${v}.`,
        options: ['الثَّدْيِيَّاتِ', 'الطُّيُورِ', 'الأَسْمَاكِ', 'الزَّوَاحِفِ'],
      }, [['الجَمَلُ', 'الثَّدْيِيَّاتِ'], ['الحُوتُ', 'الثَّدْيِيَّاتِ'], ['الحِصَانُ', 'الثَّدْيِيَّاتِ'], ['النَّسْرُ', 'الطُّيُورِ'], ['الصَّقْرُ', 'الطُّيُورِ'],
        ['القِرْشُ', 'الأَسْمَاكِ'], ['السَّلْمُونُ', 'الأَسْمَاكِ'], ['التِّمْسَاحُ', 'الزَّوَاحِفِ'], ['الضَّبُّ', 'الزَّوَاحِفِ']]),
      pairs('غِذَاءُ الحَيَوَانَاتِ', {
        ask: (w) => `إِلَى أَيِّ نَوْعٍ يَنْتَمِي ${w} حَسَبَ غِذَائِهِ؟`,
        claim: (w, v) => `يَنْتَمِي ${w} إِلَى ${v}.`,
        options: ['آكِلَاتِ الأَعْشَابِ', 'آكِلَاتِ اللُّحُومِ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ'],
      }, [['الغَزَالُ', 'آكِلَاتِ الأَعْشَابِ'], ['الجَمَلُ', 'آكِلَاتِ الأَعْشَابِ'], ['الأَرْنَبُ', 'آكِلَاتِ الأَعْشَابِ'], ['الأَسَدُ', 'آكِلَاتِ اللُّحُومِ'],
        ['الذِّئْبُ', 'آكِلَاتِ اللُّحُومِ'], ['النَّمِرُ', 'آكِلَاتِ اللُّحُومِ'], ['الدُّبُّ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ'], ['الغُرَابُ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ']]),
      pairs('دَوْرَةُ الحَيَاةِ', {
        ask: (w) => `مَا المَرْحَلَةُ الَّتِي تَأْتِي بَعْدَ ${w}؟`,
        claim: (w, v) => `المَرْحَلَةُ الَّتِي تَأْتِي بَعْدَ ${w}: ${v}.`,
      }, [['البَيْضَةِ فِي حَيَاةِ الفَرَاشَةِ', 'اليَرَقَةُ', ['العَذْرَاءُ', 'الفَرَاشَةُ البَالِغَةُ']], ['اليَرَقَةِ فِي حَيَاةِ الفَرَاشَةِ', 'العَذْرَاءُ', ['البَيْضَةُ', 'الفَرَاشَةُ البَالِغَةُ']],
        ['العَذْرَاءِ فِي حَيَاةِ الفَرَاشَةِ', 'الفَرَاشَةُ البَالِغَةُ', ['اليَرَقَةُ', 'البَيْضَةُ']], ['البَيْضَةِ فِي حَيَاةِ الدَّجَاجَةِ', 'الكَتْكُوتُ', ['الدَّجَاجَةُ البَالِغَةُ', 'البَيْضَةُ']],
        ['الكَتْكُوتِ فِي حَيَاةِ الدَّجَاجَةِ', 'الدَّجَاجَةُ البَالِغَةُ', ['البَيْضَةُ', 'الكَتْكُوتُ']]]),
    ],
  },
  {
    title: 'Materials and matter', subject: 'SCIENCE', grade: 3, locale: 'en', concepts: [
      pairs('States of matter', {
        ask: (w) => `Is ${w} a solid, a liquid or a gas?`,
        claim: (w, v) => `${cap(w)} is ${article(v)}.`,
        options: ['solid', 'liquid', 'gas'],
      }, [['ice', 'solid'], ['a rock', 'solid'], ['a wooden spoon', 'solid'], ['milk', 'liquid'], ['orange juice', 'liquid'], ['honey', 'liquid'], ['steam', 'gas'], ['the air in a balloon', 'gas']]),
      pairs('Magnets', {
        ask: (w) => `Does a magnet attract ${w}?`,
        claim: (w, v) => (v === 'yes' ? `A magnet attracts ${w}.` : `A magnet does not attract ${w}.`),
        blank: (w) => `Does a magnet attract ${w}? Answer yes or no: ${BLANK}`,
        options: ['yes', 'no'],
      }, [['an iron nail', 'yes'], ['a steel paper clip', 'yes'], ['a steel spoon', 'yes'], ['a plastic cup', 'no'], ['a wooden pencil', 'no'], ['a glass marble', 'no'], ['an aluminium can', 'no'], ['a rubber band', 'no']]),
      pairs('Floating and sinking', {
        ask: (w) => `Does ${w} float or sink in water?`,
        claim: (w, v) => `In water, ${w} will ${v}.`,
        options: ['float', 'sink'],
      }, [['a cork', 'float'], ['a leaf', 'float'], ['a plastic duck', 'float'], ['an apple', 'float'], ['a stone', 'sink'], ['a coin', 'sink'], ['a key', 'sink'], ['a marble', 'sink']]),
      pairs('Conductors and insulators', {
        ask: (w) => `Is ${w} a conductor or an insulator of electricity?`,
        claim: (w, v) => `${cap(w)} is ${article(v)} of electricity.`,
        options: ['conductor', 'insulator'],
      }, [['copper wire', 'conductor'], ['an iron nail', 'conductor'], ['aluminium foil', 'conductor'], ['a steel key', 'conductor'], ['rubber', 'insulator'], ['plastic', 'insulator'], ['wood', 'insulator'], ['glass', 'insulator']]),
      pairs('Natural and man-made materials', {
        ask: (w) => `Is ${w} natural or man-made?`,
        claim: (w, v) => `${cap(w)} is ${v}.`,
        options: ['natural', 'man-made'],
      }, [['wool', 'natural'], ['cotton', 'natural'], ['wood', 'natural'], ['stone', 'natural'], ['plastic', 'man-made'], ['glass', 'man-made'], ['nylon', 'man-made'], ['paper', 'man-made']]),
    ],
  },
  {
    title: 'الأَرْضُ وَالفَضَاءُ', subject: 'SCIENCE', grade: 3, locale: 'ar', concepts: [
      pairs('كَوَاكِبُ المَجْمُوعَةِ الشَّمْسِيَّةِ', {
        ask: (w) => `مَا ${w}؟`,
        claim: (w, v) => `${w} هُوَ ${v}.`,
      }, [['أَقْرَبُ كَوْكَبٍ إِلَى الشَّمْسِ', 'عُطَارِدُ'], ['أَكْبَرُ كَوْكَبٍ فِي المَجْمُوعَةِ الشَّمْسِيَّةِ', 'المُشْتَرِي'], ['الكَوْكَبُ الَّذِي نَعِيشُ عَلَيْهِ', 'الأَرْضُ'],
        ['الكَوْكَبُ الأَحْمَرُ', 'المِرِّيخُ'], ['الكَوْكَبُ الَّذِي تُحِيطُ بِهِ حَلَقَاتٌ كَبِيرَةٌ', 'زُحَلُ'], ['أَشَدُّ الكَوَاكِبِ حَرَارَةً', 'الزُّهَرَةُ']]),
      pairs('الشَّمْسُ وَالقَمَرُ', {
        ask: (w) => `أَيُّهُمَا ${w}: الشَّمْسُ أَمِ القَمَرُ؟`,
        claim: (w, v) => `${v} ${w}.`,
        options: ['الشَّمْسُ', 'القَمَرُ'],
      }, [['نَجْمٌ يُعْطِينَا الضَّوْءَ وَالحَرَارَةَ', 'الشَّمْسُ'], ['مَرْكَزُ المَجْمُوعَةِ الشَّمْسِيَّةِ', 'الشَّمْسُ'], ['أَكْبَرُ حَجْمًا مِنَ الأَرْضِ', 'الشَّمْسُ'],
        ['يَدُورُ حَوْلَ الأَرْضِ', 'القَمَرُ'], ['يَعْكِسُ ضَوْءَ الشَّمْسِ', 'القَمَرُ'], ['تَتَغَيَّرُ أَطْوَارُهُ خِلَالَ الشَّهْرِ', 'القَمَرُ']]),
      pairs('اللَّيْلُ وَالنَّهَارُ وَالفُصُولُ', questions('ar'), [
        ['مَا سَبَبُ تَعَاقُبِ اللَّيْلِ وَالنَّهَارِ؟', 'دَوَرَانُ الأَرْضِ حَوْلَ نَفْسِهَا', ['دَوَرَانُ الأَرْضِ حَوْلَ الشَّمْسِ', 'دَوَرَانُ القَمَرِ حَوْلَ الأَرْضِ', 'حَرَكَةُ الغُيُومِ']],
        ['مَا سَبَبُ تَعَاقُبِ الفُصُولِ الأَرْبَعَةِ؟', 'دَوَرَانُ الأَرْضِ حَوْلَ الشَّمْسِ', ['دَوَرَانُ الأَرْضِ حَوْلَ نَفْسِهَا', 'دَوَرَانُ القَمَرِ حَوْلَ الأَرْضِ', 'هُبُوبُ الرِّيَاحِ']],
        ['كَمْ تَسْتَغْرِقُ الأَرْضُ لِتَدُورَ حَوْلَ نَفْسِهَا مَرَّةً وَاحِدَةً؟', '24 سَاعَةً', ['12 سَاعَةً', '7 أَيَّامٍ', '30 يَوْمًا']],
        ['كَمْ تَسْتَغْرِقُ الأَرْضُ تَقْرِيبًا لِتَدُورَ حَوْلَ الشَّمْسِ مَرَّةً وَاحِدَةً؟', '365 يَوْمًا', ['30 يَوْمًا', '24 سَاعَةً', '100 يَوْمٍ']],
        ['مِنْ أَيِّ جِهَةٍ تُشْرِقُ الشَّمْسُ؟', 'الشَّرْقِ', ['الغَرْبِ', 'الشَّمَالِ', 'الجَنُوبِ']], ['فِي أَيِّ جِهَةٍ تَغْرُبُ الشَّمْسُ؟', 'الغَرْبِ', ['الشَّرْقِ', 'الشَّمَالِ', 'الجَنُوبِ']]]),
      pairs('أَدَوَاتُ قِيَاسِ الطَّقْسِ', {
        ask: (w) => `مَا الأَدَاةُ الَّتِي نَقِيسُ بِهَا ${w}؟`,
        claim: (w, v) => `الأَدَاةُ الَّتِي نَقِيسُ بِهَا ${w} هِيَ ${v}.`,
      }, [['دَرَجَةَ الحَرَارَةِ', 'مِيزَانُ الحَرَارَةِ'], ['كَمِّيَّةَ المَطَرِ', 'مِقْيَاسُ المَطَرِ'], ['اتِّجَاهَ الرِّيَاحِ', 'دَوَّارَةُ الرِّيَاحِ'],
        ['سُرْعَةَ الرِّيَاحِ', 'مِقْيَاسُ سُرْعَةِ الرِّيَاحِ'], ['الضَّغْطَ الجَوِّيَّ', 'البَارُومِتْرُ']]),
      pairs('كَوْكَبُ الأَرْضِ', questions('ar'), [
        ['مَا الغِلَافُ الَّذِي يُحِيطُ بِالأَرْضِ وَنَتَنَفَّسُ مِنْهُ؟', 'الغِلَافُ الجَوِّيُّ', ['الغِلَافُ المَائِيُّ', 'القِشْرَةُ الأَرْضِيَّةُ', 'اللُّبُّ']],
        ['مَا أَكْبَرُ مُحِيطٍ عَلَى الأَرْضِ؟', 'المُحِيطُ الهَادِئُ', ['المُحِيطُ الأَطْلَسِيُّ', 'المُحِيطُ الهِنْدِيُّ', 'المُحِيطُ المُتَجَمِّدُ الشَّمَالِيُّ']],
        ['كَمْ عَدَدُ قَارَّاتِ العَالَمِ؟', 'سَبْعُ قَارَّاتٍ', ['خَمْسُ قَارَّاتٍ', 'تِسْعُ قَارَّاتٍ', 'ثَلَاثُ قَارَّاتٍ']], ['مَا الَّذِي يُغَطِّي مُعْظَمَ سَطْحِ الأَرْضِ؟', 'المَاءُ', ['اليَابِسَةُ', 'الصَّحَارِي', 'الغَابَاتُ']],
        ['مَا أَكْبَرُ صَحْرَاءَ حَارَّةٍ فِي العَالَمِ؟', 'الصَّحْرَاءُ الكُبْرَى', ['صَحْرَاءُ الرُّبْعِ الخَالِي', 'صَحْرَاءُ النُّفُودِ', 'صَحْرَاءُ الدَّهْنَاءِ']]]),
    ],
  },
  {
    title: 'The human body', subject: 'SCIENCE', grade: 4, locale: 'en', concepts: [
      pairs('Organs and their jobs', {
        ask: (w) => `Which organ ${w}?`,
        claim: (w, v) => `The organ that ${w} is ${v}.`,
      }, [['pumps blood around the body', 'the heart'], ['takes in air when we breathe', 'the lungs'], ['controls the whole body', 'the brain'],
        ['breaks down the food we eat', 'the stomach'], ['cleans the blood', 'the kidneys'], ['covers and protects the body', 'the skin']]),
      pairs('The five senses', {
        ask: (w) => `Which sense do we use to ${w}?`,
        claim: (w, v) => `We use ${v} to ${w}.`,
        options: ['sight', 'hearing', 'smell', 'taste', 'touch'],
      }, [['spot a rainbow', 'sight'], ['read a book', 'sight'], ['enjoy music', 'hearing'], ['know a bird is singing', 'hearing'], ['enjoy the scent of a rose', 'smell'],
        ['tell that a lemon is sour', 'taste'], ['notice that soup is salty', 'taste'], ['feel that fur is soft', 'touch']]),
      pairs('Bones and the skeleton', questions('en'), [
        ['Which bones protect the brain?', 'the skull', ['the ribs', 'the spine', 'the thigh bone']],
        ['Which bones protect the heart and lungs?', 'the ribs', ['the skull', 'the spine', 'the kneecap']],
        ['What is the longest bone in the body?', 'the thigh bone', ['the spine', 'a rib', 'the jawbone']],
        ['What do we call the place where two bones meet?', 'a joint', ['a tendon', 'a muscle', 'a rib']],
        ['Which column of bones runs down your back?', 'the spine', ['the ribs', 'the skull', 'the thigh bone']],
        ['What joins muscles to bones?', 'tendons', ['joints', 'ribs', 'nerves']]]),
      pairs('Healthy eating', {
        ask: (w) => `Which food group does ${w} belong to?`,
        claim: (w, v) => `${cap(w)} belongs to the ${v} group.`,
        options: ['fruit and vegetables', 'grains', 'protein', 'dairy'],
      }, [['rice', 'grains'], ['bread', 'grains'], ['an apple', 'fruit and vegetables'], ['a carrot', 'fruit and vegetables'], ['cheese', 'dairy'], ['yoghurt', 'dairy'],
        ['fish', 'protein'], ['chicken', 'protein'], ['an egg', 'protein']]),
      pairs('Teeth', questions('en'), [
        ['How many times a day should you brush your teeth?', 'twice', ['once a week', 'never', 'ten times']], ['Which teeth are best for biting?', 'incisors', ['molars', 'canines', 'wisdom teeth']],
        ['Which teeth are best for grinding food?', 'molars', ['incisors', 'canines', 'baby teeth']],
        ['Which sharp, pointed teeth tear food?', 'canines', ['molars', 'incisors', 'wisdom teeth']],
        ['How many baby teeth does a child usually have?', '20', ['10', '32', '50']], ['What is the hard outer layer of a tooth called?', 'enamel', ['the root', 'the gum', 'the nerve']]]),
    ],
  },
  {
    title: 'الطَّاقَةُ وَالقُوَى', subject: 'SCIENCE', grade: 4, locale: 'ar', concepts: [
      pairs('مَصَادِرُ الطَّاقَةِ', {
        ask: (w) => `هَلِ ${w} مَصْدَرٌ مُتَجَدِّدٌ لِلطَّاقَةِ أَمْ غَيْرُ مُتَجَدِّدٍ؟`,
        claim: (w, v) => `${w} مَصْدَرٌ ${v} لِلطَّاقَةِ.`,
        options: ['مُتَجَدِّدٌ', 'غَيْرُ مُتَجَدِّدٍ'],
      }, [['الشَّمْسُ', 'مُتَجَدِّدٌ'], ['الرِّيَاحُ', 'مُتَجَدِّدٌ'], ['المَاءُ الجَارِي', 'مُتَجَدِّدٌ'], ['النِّفْطُ', 'غَيْرُ مُتَجَدِّدٍ'], ['الفَحْمُ', 'غَيْرُ مُتَجَدِّدٍ'], ['الغَازُ الطَّبِيعِيُّ', 'غَيْرُ مُتَجَدِّدٍ']]),
      pairs('الضَّوْءُ', questions('ar'), [
        ['مَا أَكْبَرُ مَصْدَرٍ طَبِيعِيٍّ لِلضَّوْءِ؟', 'الشَّمْسُ', ['القَمَرُ', 'المِصْبَاحُ', 'الشَّمْعَةُ']],
        ['مَاذَا يَتَكَوَّنُ عِنْدَمَا يَحْجُبُ جِسْمٌ مُعْتِمٌ الضَّوْءَ؟', 'الظِّلُّ', ['قَوْسُ قُزَحَ', 'الصَّدَى', 'البَرْقُ']],
        ['مَا الَّذِي يَعْكِسُ صُورَتَنَا بِوُضُوحٍ؟', 'المِرْآةُ', ['الخَشَبُ', 'الوَرَقُ', 'الحَجَرُ']],
        ['مَا اسْمُ الأَلْوَانِ الَّتِي تَظْهَرُ فِي السَّمَاءِ بَعْدَ المَطَرِ؟', 'قَوْسُ قُزَحَ', ['الشَّفَقُ', 'البَرْقُ', 'الظِّلُّ']],
        ['هَلْ يَسِيرُ الضَّوْءُ فِي خُطُوطٍ مُسْتَقِيمَةٍ أَمْ مُنْحَنِيَةٍ؟', 'مُسْتَقِيمَةٍ', ['مُنْحَنِيَةٍ']]]),
      pairs('الصَّوْتُ', questions('ar'), [
        ['مَا الَّذِي يُسَبِّبُ الصَّوْتَ؟', 'اهْتِزَازُ الأَجْسَامِ', ['سُكُونُ الأَجْسَامِ', 'ضَوْءُ الشَّمْسِ', 'بُرُودَةُ الهَوَاءِ']],
        ['مَا العُضْوُ الَّذِي نَسْمَعُ بِهِ الأَصْوَاتَ؟', 'الأُذُنُ', ['العَيْنُ', 'الأَنْفُ', 'اللِّسَانُ']],
        ['مَاذَا نُسَمِّي ارْتِدَادَ الصَّوْتِ عَنْ جِدَارٍ بَعِيدٍ؟', 'الصَّدَى', ['الظِّلُّ', 'الضَّجِيجُ', 'الهَمْسُ']], ['أَيُّهُمَا أَسْرَعُ: الضَّوْءُ أَمِ الصَّوْتُ؟', 'الضَّوْءُ', ['الصَّوْتُ']],
        ['هَلْ يَنْتَقِلُ الصَّوْتُ فِي الفَرَاغِ؟', 'لَا', ['نَعَمْ']]]),
      pairs('الدَّفْعُ وَالسَّحْبُ', {
        ask: (w) => `هَلْ ${w} دَفْعٌ أَمْ سَحْبٌ؟`,
        claim: (w, v) => `${w} ${v}.`,
        options: ['دَفْعٌ', 'سَحْبٌ'],
      }, [['رَكْلُ الكُرَةِ', 'دَفْعٌ'], ['إِغْلَاقُ البَابِ بِاليَدِ', 'دَفْعٌ'], ['تَحْرِيكُ عَرَبَةِ التَّسَوُّقِ أَمَامَكَ', 'دَفْعٌ'],
        ['فَتْحُ دُرْجِ المَكْتَبِ', 'سَحْبٌ'], ['رَفْعُ الدَّلْوِ مِنَ البِئْرِ بِالحَبْلِ', 'سَحْبٌ'], ['شَدُّ الحَبْلِ', 'سَحْبٌ']]),
      pairs('الدَّائِرَةُ الكَهْرَبَائِيَّةُ', questions('ar'), [
        ['مَا الَّذِي يُزَوِّدُ الدَّائِرَةَ البَسِيطَةَ بِالطَّاقَةِ؟', 'البَطَّارِيَّةُ', ['المِصْبَاحُ', 'المِفْتَاحُ', 'السِّلْكُ']],
        ['مَا الأَدَاةُ الَّتِي تَفْتَحُ الدَّائِرَةَ وَتُغْلِقُهَا؟', 'المِفْتَاحُ', ['البَطَّارِيَّةُ', 'المِصْبَاحُ', 'السِّلْكُ']],
        ['مِنْ أَيِّ فِلِزٍّ تُصْنَعُ الأَسْلَاكُ الكَهْرَبَائِيَّةُ غَالِبًا؟', 'النُّحَاسُ', ['الحَدِيدُ', 'الذَّهَبُ', 'الرَّصَاصُ']],
        ['هَلْ يُضِيءُ المِصْبَاحُ إِذَا كَانَتِ الدَّائِرَةُ مَفْتُوحَةً؟', 'لَا', ['نَعَمْ']], ['مَا نَوْعُ المَادَّةِ الَّتِي لَا تُوَصِّلُ الكَهْرَبَاءَ؟', 'مَادَّةٌ عَازِلَةٌ', ['مَادَّةٌ مُوَصِّلَةٌ']]]),
    ],
  },
  {
    title: 'Ecosystems', subject: 'SCIENCE', grade: 4, locale: 'en', concepts: [
      pairs('Producers and consumers', {
        ask: (w) => `Is ${w} a producer or a consumer?`,
        claim: (w, v) => `${cap(w)} is ${article(v)}.`,
        options: ['producer', 'consumer'],
      }, [['grass', 'producer'], ['an oak tree', 'producer'], ['seaweed', 'producer'], ['a sunflower', 'producer'], ['a fox', 'consumer'], ['a rabbit', 'consumer'], ['an eagle', 'consumer'], ['a caterpillar', 'consumer']]),
      pairs('Habitats', {
        ask: (w) => `Where does ${w} live?`,
        claim: (w, v) => `${cap(w)} lives in ${v}.`,
      }, [['a camel', 'the desert'], ['a polar bear', 'the Arctic'], ['a monkey', 'the rainforest'], ['a dolphin', 'the ocean'], ['a frog', 'a pond'], ['a woodpecker', 'the forest']]),
      pairs('Adaptations', questions('en'), [
        ['Why does a camel have a hump?', 'to store fat for energy', ['to store water', 'to carry its babies', 'to scare predators']],
        ['Why does a polar bear have thick fur?', 'to keep warm', ['to swim faster', 'to hide in the grass', 'to store food']],
        ['Why does a duck have webbed feet?', 'to swim', ['to climb trees', 'to dig holes', 'to run fast']],
        ['Why does a cactus have a thick stem?', 'to store water', ['to catch insects', 'to grow flowers', 'to keep warm']],
        ['Why does a chameleon change colour?', 'to hide from predators', ['to keep warm', 'to find water', 'to swim']],
        ['Why does a giraffe have a long neck?', 'to reach high leaves', ['to keep warm', 'to swim', 'to hide from predators']]]),
      pairs('The water cycle', questions('en'), [
        ['What do we call water turning into water vapour?', 'evaporation', ['condensation', 'precipitation', 'collection']],
        ['What do we call water vapour turning into drops in the clouds?', 'condensation', ['evaporation', 'precipitation', 'collection']],
        ['What do we call water falling from clouds as rain or snow?', 'precipitation', ['evaporation', 'condensation', 'collection']],
        ['What do we call water gathering in rivers, lakes and oceans?', 'collection', ['evaporation', 'condensation', 'precipitation']],
        ['What gives the water cycle its energy?', 'the Sun', ['the Moon', 'the wind', 'the clouds']]]),
      pairs('Recycling', {
        ask: (w) => `Which recycling bin should ${w} go in?`,
        claim: (w, v) => `${cap(w)} goes in the ${v} bin.`,
        options: ['paper', 'plastic', 'glass', 'food waste'],
      }, [['a newspaper', 'paper'], ['a cardboard box', 'paper'], ['a water bottle', 'plastic'], ['a yoghurt pot', 'plastic'], ['a jam jar', 'glass'],
        ['a glass juice bottle', 'glass'], ['a banana peel', 'food waste'], ['an apple core', 'food waste']]),
    ],
  },
];
