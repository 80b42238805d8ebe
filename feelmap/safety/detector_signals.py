"""Round 5: a scoring layer that reads meaning, on top of the phrase rules in ``detector``.

The phrase rules only see wording someone thought of. People in crisis rarely use it: they
write "bought rope today. didn't tell anyone why" or "43 days clean and I just ruined it".
Each of those is made of ordinary words that only mean something together, so this layer
looks for *families* of signals (death and finality, wishing or deciding, means, getting
things in order, burden, hopelessness, self-harm, a past attempt, drinking or drugs, secrecy)
and scores their co-occurrence within a few neighbouring sentences.

How a window of up to three sentences is scored, in plain terms:

1. Everyday uses that share words with risk language are blanked out first (:data:`GUARDS`:
   "cut my hair", "rope for the camping trip", "the bridge of that song", "ready for the
   weekend", "relapse on sugar").
2. Each family's strength is the weight of its strongest phrase found in the window
   (:data:`LEXICON`; 1.0 means "enough on its own", 0.3 means "only with something else").
3. The score is the strongest single family, or the sum of both strengths of any meaningful
   pair (:data:`PAIRS`, e.g. means + intent, preparation + finality), whichever is higher,
   plus a little for every further distress family, minus a penalty when the window reads as
   neutral context (news, a novel, a training course, "asked me if ... I said no", someone
   else's attempt years ago; :data:`NEUTRAL`).
4. Risk when the score reaches :data:`THRESHOLD`.

Phrases are written as words separated by spaces over normalised text (lower case, no
apostrophes: "im", "dont", "id"). ``word*`` matches any ending ("cut*": cut, cuts, cutting);
``~`` allows up to three other words in between. The tables are data, kept apart from the
few lines that score them, so they can be read and extended by someone who is not a
programmer. Weights were tuned on the development sets (see ``bench/safety_detector.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

DEATH = "death"
WISH = "wish"
MEANS = "means"
PREPARE = "prepare"
BURDEN = "burden"
HOPELESS = "hopeless"
SH_ACT = "self-harm-act"
SH_SIGN = "self-harm-sign"
ATTEMPT = "attempt"
RETURN = "coming-back"
SUBSTANCE = "substance"
SECRECY = "secrecy"
NEUTRAL = "neutral"


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases written one after another, separated by commas."""
    return tuple(" ".join(p.split()) for p in text.split(",") if p.strip())


THRESHOLD = 1.0
WINDOW = 3  # sentences
EXTRA_FAMILY_BONUS = 0.15
NEUTRAL_PENALTY = 0.6
STRONG = 0.7  # phrases at least this strong add DISTINCT_BONUS for each other one found
DISTINCT_BONUS = 0.3

# family -> ((weight, phrases), ...); phrases are separated by commas (see the module doc).
LEXICON: dict[str, tuple[tuple[float, tuple[str, ...]], ...]] = {
    DEATH: (
        (
            1.0,
            _phrases(
                """
                cant see myself ~ making it, it will all be over soon, itll all be over soon,
                wont be here ~ long, not be here ~ next, leave this world, end of the road for me
                """
            ),
        ),
        (
            0.7,
            _phrases(
                """
                eternal sleep, sleep forever, rest forever, gone for good, wont be here,
                no longer exist, get it over with, the other side, be with my ~ again, join him,
                join her, not make it, easier if i, easier for everyone, die in my sleep, hit by,
                under a bus, an accident, no tomorrow, already dead, let it all stop, it all stop,
                all stop, let go, to leave ., just go, quiet forever, not be anywhere,
                be anywhere at all, until i couldnt, until i cant, still be here, not be here next,
                last christmas, last birthday, no longer be, never see, see you on the other side,
                im still here, hate that im still, hit me, hits me, run me over, takes me out,
                already gone, a ghost, find me, to find me, find my body, not here anymore,
                cease to, stop existing, end of the line, the final, last goodbye, checked out, die,
                died, dying, dead, death, not exist*, stop* existing, not existing, not be here,
                not being here, not be around, wont be around, not around, not be alive,
                not being alive, not wake up, never wake up, dont wake up, wont wake up,
                didnt wake up, out of the picture, disappear*, vanish*, fade out, fade away,
                be gone, im gone, when im gone, after im gone, takes me, take me, finish* me,
                be over, all be over, end it, end things, ending things, end everything, end of me,
                stopped existing, heart ~ stop*, stop breathing, my funeral, grave, see* ~ spring,
                see* ~ christmas, see* ~ summer, see* ~ birthday, making it to, make it to,
                sticking around, stick around, still alive, being alive, be alive, stay alive,
                survive it, survive*, not here, be here, cant be here, exit, permanent*, for good,
                goes down, over soon, checking out, much longer, for long, counting down,
                no longer here, not alive, terminal, ending my, end my, over with, never come back,
                not come back, dont come back, wasnt around, werent around, didnt exist, want out,
                way out, the end, my end, if i died, if i was gone, if i wasnt, end up dead
                """
            ),
        ),
        (
            0.25,
            _phrases(
                """
                gone, over, last, final, the end, end, ending, alive, exist*, go now, no more,
                forever, sleep, leave, the night, stop
                """
            ),
        ),
    ),
    WISH: (
        (
            1.0,
            _phrases(
                """
                only thing stopping me, only thing keeping me, only reason im still,
                know what im going to do, know what i have to do, know what i need to do,
                might be the night, tonight is the night, has a plan, have a plan, got a plan,
                all planned out, it all planned, almost did it, nearly did it, ive decided .,
                i decided .
                """
            ),
        ),
        (
            0.7,
            _phrases(
                """
                longing, crav*, yearn*, keep imagining, dream of, dreaming about, romanticis*,
                obsess*, cant stop thinking, keeps going to, intrusive, the thought of, considering,
                contemplating, set a date, picked a date, chose a date, made up my mind, its time,
                time to go, no turning back, this is it, for real this time, would be nice,
                i could just, be easier, so easy, might as well, make it official, want, wanted,
                wants, thinking of, keep looking at, keep staring at, keep going back to,
                the voices, voices say, voice says, to see how, see how it felt, see how it feels,
                just to know, know its there, looked up, the thoughts, thoughts are, dark thoughts,
                bad thoughts, feel calm, so calm, at peace, weight lifted, telling me to, voice*,
                wondering, wonder*, want to, wanna, wants to, wanted to, wish*, wouldnt mind,
                would welcome, welcome it, hope, hopes, hoped, hoping, pray*, decided, figured out,
                worked out how, know which, know where, know how, know exactly, researching,
                looking up, googling, searched, if it happens it happens, the right night,
                ive decided, im ready, ready to, planning, planned, a plan, the plan, rather,
                tempted, urge*, keep thinking, keep picturing, picturing, imagining, fantasi*,
                thinking about, think about, thought about, almost did, nearly did, nearly walked,
                almost, nearly, courage, do it, did it, go through with, counting down,
                dont care if, dont care what happens, seeing what happens, see what happens,
                properly, this time, dont really care, i should just, should just, would be fine,
                wouldnt be the worst, not the worst, relief, peace, calm, im going to, i will,
                im not doing another, not planning on, waiting for the right, the right time,
                when its time
                """
            ),
        ),
        (
            0.25,
            _phrases(
                """
                tonight, soon, this weekend, tomorrow, going to, gonna, ready, waiting
                """
            ),
        ),
    ),
    MEANS: (
        (
            0.7,
            _phrases(
                """
                the whole packet, whole bottle, whole box, bottle of pills, insulin, charcoal,
                exhaust, hose, ligature, ceiling, beam, banister, door handle, motorway, lorry,
                top floor, floor up, quarry, pier, currents, the drop, steep, scissors,
                pencil sharpener, overdos*, od, quickest way, easiest way, fastest way,
                painless way, step off, kerb, curb, in front of ~ train, in front of ~ bus,
                in front of ~ car, in front of ~ lorry, in front of ~ traffic,
                how long it would take, with my name on, envelope, at the top, stood at the top,
                a few extra, extra of my, ways to, save them, saving them, save my meds,
                how much it would take, how many it would take, train times, doesnt stop at,
                fast train, paracetamol, tylenol, painkillers, antidepressants, sleeping tablets,
                sleeping pills, morphine, stockpil*, hoard*, stash*, too many, extra ~ them,
                have extra, rope, cord, noose, hook, blade*, razor*, knife, knives, roof, rooftop,
                bridge, overpass, flyover, ledge, platform edge, tracks, rail line, railway,
                level crossing, cliff*, reservoir, gun, guns, shotgun, rifle, pistol, high enough,
                tall enough, deep enough, strong enough, balcony, multi storey, car park,
                parking garage, the express, oncoming, drive off, driving off, crash* the car,
                crash* into, into something solid, walk* in, walk* into, the key, which bridge,
                which one, belt, look like an accident, bathroom cabinet, medicine cabinet,
                my stash, the stash, swimming out, swim out, swim until, walk out into,
                everything i need, how long it takes, how deep, bleed out, most damage, which of my,
                different shop, so they wouldnt ask, didnt tell anyone why, nobody counts,
                ways to go, methods, lethal, enough to, looking both ways, stopped looking,
                a length of, bedside drawer
                """
            ),
        ),
        (
            0.4,
            _phrases(
                """
                bath, bathtub, window, traffic, truck, bus, highway, jump*, fall, scarf, pills,
                pill, tablets, meds, medication, prescription*, doses, dose
                """
            ),
        ),
        (
            0.25,
            _phrases(
                """
                edge, platform, train, tube, river, sea, lake, canal, water, car, box of, garage,
                loft, extra
                """
            ),
        ),
    ),
    PREPARE: (
        (
            0.7,
            _phrases(
                """
                last message, last words, funeral plans, life insurance, beneficiary, executor,
                who gets, who should get, inheritance, final arrangements, arrangements,
                settle my debts, settled my debts, tie up, tied up, make amends, made amends,
                apologised to everyone, made peace, one last time, remember me, dont be sad,
                dont cry, forgive me, youll understand, better this way, my stuff, my things,
                new home for, wrote to everyone, visited everyone, saw everyone, letter*, note,
                notes, a note for, journal, my will, the will, a will, will done, passwords,
                my accounts, gave away, give away, giving away, given away, gave my, rehom*,
                look after, take care of, care of my, walk him, walk her, goodbye*, said bye,
                saying bye, sorted, in order, everythings ready, everything is ready, just in case,
                in case i, if anything happen*, if something happen*, when im gone, after im gone,
                after i die, finds this, find this, whoever finds, loose ends, paid off,
                paying people back, cancelled all, deleted most, deleted my, cleared my, closure,
                thank you for everything, wont be needing, wont need, instructions, my savings,
                she can have, he can have, they can have, you can have, clean up after,
                nobody has to, no one has to, sealed, last entry, sorry for everything, dont blame,
                anyones fault, not your fault, love you all, everything is neat, neat now,
                deal with a mess, doesnt need to give, dont need to give, give them back,
                kids will go, someone else will, will need it, need it more, everythings in order,
                everything in order, said goodbye, properly, one for each, take the cat,
                take the dog, take my cat, take my dog, thats sorted, cats care, dogs care,
                care instructions, nobody will have to, made sure, knowing its done,
                to say thank you, wrote to, written everyone, wrote everyone, a card for,
                cards for everyone, little card, put them in a box, meant goodbye,
                said i love you to everyone, said i love you, my flat keys, my house keys, keys to,
                cleaned out, gave the cat, gave the dog, gave my cat, gave my dog, insurance will,
                the insurance, sorry mum, sorry dad, im sorry .
                """
            ),
        ),
        (
            0.25,
            _phrases(
                """
                cleaned my room, deleted, cancelled, tidying, returning things
                """
            ),
        ),
    ),
    BURDEN: (
        (
            1.0,
            _phrases(
                """
                easier without me, shouldnt have been born, never been born, the problem is me,
                im the problem, make everything worse, nobody needs me, no one needs me,
                dead weight, waste of space, waste of oxygen, waste of air, drain on, weight around,
                take up space, better off without me, said ~ better off without,
                better off without us, theyd be relieved, spare them, spare everyone,
                better off if i, only take up, ruin everything, ruin* everything i,
                shouldnt be alive, shouldnt be here, dont deserve to be here, dont deserve to live
                """
            ),
        ),
        (
            0.7,
            _phrases(
                """
                costing them, cost them, life easier, a mistake, shouldnt exist, theyd move on,
                would move on, theyll be fine, they will be fine, move on without, forget about me,
                forget me, doesnt need me, dont deserve them, my fault, poison to, ruin*, burden,
                better off ~ without, better off dead, better off if, dead weight, drag* ~ down,
                ruin* everything, waste of space, waste of oxygen, waste of air, drain on,
                weight around, take up space, problem for, relieved, some peace, spare them,
                spare everyone, someone better, cope fine, cope without, fine without me,
                without me ., nobody would notice, would anyone ~ notice, anyone even notice,
                nobody would care, nobody would miss me, no one would miss me, would anyone miss me,
                worthless, no use to anyone, everyone hates me, only take up, in everyones way,
                holding everyone back, have to worry about me, worry about me for,
                nobody would have to, deal with me, deal with ~ mess
                """
            ),
        ),
    ),
    HOPELESS: (
        (
            1.0,
            _phrases(
                """
                none of this ~ matter*, dont have it in me, im finished ., how many more ~ i can,
                how much longer ~ i can, list of reasons, getting shorter, dont see a future,
                no future for me, cant see a way out, cant see a way through, cant see a way forward
                """
            ),
        ),
        (
            0.7,
            _phrases(
                """
                no hope, see a future, cant cope, cant handle, cant face, cant bear, unbearable,
                too heavy, worn out, defeated, beyond help, nothing helps, nothing works,
                tried everything, no one can help, nobody can help, past saving, too late for me,
                lost cause, over for me, last straw, final straw, breaking point, end of my tether,
                at my limit, out of options, dead end, cant breathe, i tried ., so done,
                sick of pretending, tired of pretending, tired of fighting, sick of fighting,
                tired of trying, cant anymore, another ~ years of this, years of this, no light,
                no way forward, nothing to look forward, cant see the point, dont see the point,
                why bother, whats the point, worthless, a failure, hate my life, hate living,
                hate myself, hate that im, hate being, gets better but, done waiting,
                pain would stop, pain ~ stop, nothing to live for, cant escape, no escape,
                trapped in, whats the use, no point, pointless, no way out, only exit, only way out,
                cant go on, cant keep, cant do this ., cant do this anymore, cant be here, trapped,
                stuck in this, nothing will change, nothing is going to change, no reason to,
                never going to change, never going to get better, never get better, wont get better,
                never going to end, not doing another, tired of ~ living, tired of existing,
                tired of being, sick of being, sick of ~ life, sick of living, done with everything,
                done with life, done with it all, with all of it, with life, nothing left,
                no future, given up, give up on, nothing matters, doesnt matter anymore,
                pain to stop, it all to stop, want it ~ over, want out, im finished, cant take it,
                putting up with, fighting for years, nothing left to fight, grey nothing, dont care,
                what happens to me, so tired, im done, headspace, feel nothing, still feel nothing,
                numb, empty, why am i still, im so tired, closest i can get
                """
            ),
        ),
        (
            0.5,
            _phrases(
                """
                darkness, dark, too much, done, pretending, heavy, alone, lonely, empty, numb,
                broken, sinking, drowning, in a hole, hole, hopeless, keep going
                """
            ),
        ),
        (
            0.25,
            _phrases(
                """
                tired, stuck, exhausted, nothing, pain, hurts, cant
                """
            ),
        ),
    ),
    SH_ACT: (
        (
            1.0,
            _phrases(
                """
                sh, sh ing, shing, self harm*, selfharm*, cut again, cutting again,
                picking at the scars, pick* ~ scars, need to bleed, used the lighter, used it on my,
                bit my arm, relaps*, blade* ~ used it, new marks, fresh marks, fresh cuts,
                arms are a mess, legs are a mess, arms ~ mess, long sleeves in ~ july,
                long sleeves in ~ summer, in this heat so
                """
            ),
        ),
        (
            0.7,
            _phrases(
                """
                punish* myself, punishment, deserve pain, deserve the pain, starving myself, scald*,
                sharpener, stitches, steri strips, butterfly stitches, bleeding, hurt* myself,
                harm* myself, cut myself, cutting myself, burn* myself, cut my, cutting my, carv*,
                bite my, blood on my, just ruined it, broke my ~ streak, bruise myself,
                punch* ~ until, hurting again, hurting myself, been hurting, harming again
                """
            ),
        ),
        (
            0.6,
            _phrases(
                """
                cut, cuts, cutting, cutter, scratch*, burn*, lighter, punch*, hit myself,
                bruise myself, bruise*, bled, bleed*, blade*, razor*, broke my, streak
                """
            ),
        ),
    ),
    SH_SIGN: (
        (
            0.7,
            _phrases(
                """
                i deserve it, deserve it, deserve them, deserve the pain, i deserve this
                """
            ),
        ),
        (
            0.6,
            _phrases(
                """
                wound, plasters, bandage*, first aid, antiseptic, bruises, cover up, covering,
                makeup over, hide the, scissors, compass, tweezers, blood, scar, scars, marks,
                wounds, sleeves, long sleeves, hoodie, so nobody ~ sees, nobody sees, nobody knows,
                nobody will, no one sees, hiding, on purpose, i deserve, deserve it, deserve them,
                felt like relief, feel something, feel anything, feel nothing, days clean,
                months clean, weeks clean, clean for, first time in, after almost, again, fresh,
                arm, arms, wrist*, thigh*, hips, leg, legs, skin, stomach, knuckles, dont heal,
                so they dont, glasses case, tissues, stung
                """
            ),
        ),
    ),
    ATTEMPT: (
        (
            0.7,
            _phrases(
                """
                overdosed, stomach pumped, pumped my stomach, intensive care, icu, survivor,
                didnt work, it failed, botched, came round, said i was lucky, lucky to be alive,
                last time i tried, tried before, tried once, after i tried, for trying, attempt*,
                sectioned, survived it, took too many, my overdose, when i tried, i tried .
                """
            ),
        ),
        (
            0.4,
            _phrases(
                """
                ambulance, paramedics, woke up, i tried, psych ward, psychiatric, a e, hospital,
                woke up in, found me
                """
            ),
        ),
    ),
    RETURN: (
        (
            0.7,
            _phrases(
                """
                again, back, coming back, creeping back, this time, lately, same thoughts,
                headspace, last time, feel it coming, do it properly, twice, thoughts are back,
                think about it again
                """
            ),
        ),
    ),
    SUBSTANCE: (
        (
            0.7,
            _phrases(
                """
                pissed, plastered, stoned, off my face, bender*, using, shots, half a bottle,
                a bottle of, tequila, cocaine, heroin, ketamine, weed, numb it, drown it, blot out,
                blot it out, drink myself, drinking myself, drinking, drunk, drank, wasted,
                so high right now, im so high, get high, im high, smashed, hammered, vodka, wine,
                gin, whisky, whiskey, rum, beers, black out, blackout, mixing, using again, coke
                """
            ),
        ),
    ),
    SECRECY: (
        (
            0.7,
            _phrases(
                """
                didnt tell anyone, not telling anyone, wont tell anyone, didnt ask why,
                nobody asked why, nobody counts, no one counts, so they wouldnt ask, wouldnt ask,
                nobody knows, no one knows, nobody goes there, nobody walks, no one goes,
                nobody will find, nobody ever found out, so nobody sees, nobody sees, no one sees,
                nobody noticed, nobody will notice, without anyone knowing, in secret, secretly,
                havent told anyone, havent told anybody, havent told my, told no one,
                found my stash, found my blades, doesnt know, dont know im, dont know ive,
                has no idea, have no idea im, not to tell, dont tell, promise not to tell, hid them,
                hidden them, where nobody
                """
            ),
        ),
    ),
    NEUTRAL: (
        (
            1.0,
            _phrases(
                """
                news, article, novel, book, film, movie, series, documentary, podcast, episode,
                scene, character, training, course, module, lecture, class, volunteer*,
                hotline shift, helpline, prevention, awareness, research, dissertation, essay,
                thesis, the show, asked if i, asked me if, asked me about, asked about, i said no,
                said never, i meant it, moving abroad, moving house, moving out, memoir, biography,
                my coach, which is true, not suicidal, years ago ~ doing, doing ~ well now,
                proud of him, proud of her, proud of them, one year chip, his attempt, her attempt,
                their attempt, photos, for fun, holiday, new job, party, lol, haha, cant wait,
                felt productive, proud of that, grand canyon
                """
            ),
        ),
    ),
}

# Pairs of families that mean risk together; each adds both strengths (times the factor).
PAIRS: dict[tuple[str, str], float] = {
    (DEATH, WISH): 1.0,
    (DEATH, HOPELESS): 1.0,
    (DEATH, BURDEN): 1.0,
    (DEATH, PREPARE): 1.0,
    (DEATH, MEANS): 0.9,
    (DEATH, SUBSTANCE): 1.0,
    (DEATH, ATTEMPT): 1.0,
    (MEANS, WISH): 0.9,
    (MEANS, PREPARE): 1.0,
    (MEANS, HOPELESS): 1.0,
    (MEANS, BURDEN): 1.0,
    (PREPARE, BURDEN): 1.0,
    (PREPARE, HOPELESS): 0.9,
    (PREPARE, WISH): 0.8,
    (BURDEN, WISH): 1.0,
    (BURDEN, HOPELESS): 1.0,
    (HOPELESS, WISH): 0.8,
    (SH_ACT, SH_SIGN): 1.0,
    (SH_ACT, WISH): 1.0,
    (SH_SIGN, WISH): 0.75,
    (ATTEMPT, RETURN): 1.0,
    (ATTEMPT, HOPELESS): 1.0,
    (ATTEMPT, WISH): 0.9,
    (SUBSTANCE, HOPELESS): 1.0,
    (SUBSTANCE, WISH): 0.8,
    (SUBSTANCE, MEANS): 0.8,
    (SECRECY, MEANS): 1.0,
    (SECRECY, PREPARE): 1.0,
    (SECRECY, SH_ACT): 1.0,
    (SECRECY, SH_SIGN): 1.0,
    (SECRECY, WISH): 1.0,
    (SECRECY, ATTEMPT): 1.0,
}

# Everyday phrases blanked out before scoring (they share words with risk language).
GUARDS: tuple[str, ...] = (
    r"cut (?:my |his |her |your |the |our )?(?:hair|fringe|nails|grass|hedge|lawn|costs?|"
    r"budget|losses|ties|corners|back|down|the cake|the onions?)",
    r"cut (?:costs|the onions?|onions|vegetables|veg|carrots|the cord|the rope)",
    r"(?:paper|finger|knee|chin) cut",
    r"cut (?:on|to) my (?:finger|thumb)",
    r"cuts? (?:to|in) (?:funding|budgets?|staff|jobs|services|the budget)",
    r"hair ?cut",
    r"(?:rope|cord|knife|knives) for (?:the |a |our )?(?:camping|climbing|trip|tent|boat|"
    r"washing|garden|kitchen|swing)",
    r"bridge of (?:the|a|that|this) (?:song|track|tune)|(?:the|a) bridge (?:club|game|party)",
    r"ready for (?:the|this|my|our) (?:weekend|holiday|trip|party|exam|interview|move|day)",
    r"relaps\w* (?:\w+ ){0,2}?(?:on|with|into) (?:\w+ )?(?:smoking|cigarettes?|sugar|"
    r"chocolate|drinking|alcohol|vaping|the diet|diet|junk food|gambling|caffeine|coffee|"
    r"nicotine|biting my nails|my (?:back|knee|injury))",
    r"relapse on smoking|smoking relapse",
    r"clean (?:from|off) (?:alcohol|drink|drinking|smoking|drugs|heroin|coke|weed)",
    r"(?:sober|clean) (?:and (?:sober|clean) )?for (?:\w+ )?(?:years|months|weeks|days)",
    r"burn(?:t|ed|ing|s)? (?:the|my) (?:toast|dinner|tongue|rice|pizza|cake|fingers? on)",
    r"(?:got |get )?burn(?:t|ed)? by (?:the|an|a) (?:oven|iron|pan|tray|kettle|sun)",
    r"sun ?burn\w*|heartburn|burn ?out|burnt out|burned out",
    r"scratch(?:ed|es)? (?:me|my \w+ on|by)|(?:cat|dog|kitten|puppy|bramble\w*|bush) "
    r"(?:\w+ ){0,2}?scratch\w*|from scratch|scratch card",
    r"blood (?:test|tests|pressure|results|sugar|donation|bank|work)|gave blood|give blood",
    r"(?:knee|back|appendix|hip|shoulder) (?:surgery|operation)|(?:surgery|operation) scars?",
    r"(?:phone|battery|laptop|plants?|party|charger|car) (?:is |was |were |s )?(?:\w+ )?"
    r"(?:dead|died|dying)",
    r"(?:in a|at the|for the) meeting|(?:for|at) (?:the|my) (?:dentist|doctor|gp)",
    r"(?:this|next|the) (?:weekend|week|meeting|month)(?= (?:\. |$))",
    r"(?:last|final) (?:day|episode|chapter|exam|week|term|lesson|match|game|season|night)"
    r"(?: (?:at|of) (?:\w+ ){0,2}?(?:job|work|school|term|uni|season))?",
    r"(?:end|ending) of (?:the|a|my|this|that) (?:film|movie|book|series|show|day|week|term|"
    r"month|year|chapter|road|season|shift|meeting|line)",
    r"(?:gone|away|back) for (?:\w+ )?(?:days|weeks|week|month|months|a while)",
    r"(?:dying|die) (?:for|to|of) (?:a|an|the|some|embarrassment|laughing|boredom)",
    r"(?:could|can) (?:sleep|die) for (?:a|an|the|two|three|about)",
    r"give away (?:the|an|my) (?:old|spare) \w+|gave away (?:the|an|my) old \w+",
    r"(?:wont|dont) need (?:an|a|my|the) (?:umbrella|coat|car|lift|ride)",
    r"over (?:him|her|them|it now|this weather|the moon)",
    r"over between us",
    r"(?:my|our) (?:grandad|grandma|grandmother|grandfather|nan|aunt|uncle|dog|cat) "
    r"(?:\w+ ){0,2}?(?:died|passed)",
    r"(?:no point|cant) (?:\w+ ){0,2}?(?:gym|homework|trip|maths|exam|meeting|essay)",
    r"no way out of (?:this|the) (?:contract|lease|deal|meeting)",
    r"(?:trapped|stuck) (?:at home|in a rut|in traffic|in the lift|inside|with the kids)",
    r"tired of (?:my job|this job|work|waiting|the rain|this weather|living in|living with)",
    r"(?:im |i am )?done with (?:dating|this job|work|the|uni|school|exams|my (?:essay|thesis))",
    r"take care of (?:the|my) (?:plants|garden|house|flat)(?= while| when we)",
    r"(?:look|looking|looks) after (?:\w+ ){0,3}?while (?:im|i am|we are|were) (?:away|in|on)",
    r"dead (?:tired|on my feet|beat)|(?:the )?death of me|die on (?:this|that) hill",
    r"(?:died|die|dying) (?:of|from) (?:shock|laughing|laughter|embarrassment|boredom|cringe)",
    r"(?:nearly|almost) died (?:laughing|of)|hope to die",
    r"(?:end|ending|ended) (?:it|things) (?:with|between)",
    r"(?:end|ending|cancel\w*) (?:my|the|this|our) (?:membership|contract|subscription|"
    r"relationship|meeting|call|lease|tenancy|plan|phone plan)",
    r"(?:end|ending) the (?:relationship|meeting|call|day)",
    r"disappear (?:for (?:a|an|two|three|the|some|a few) (?:while|few|week|weekend|day|days|"
    r"month|bit|hour|hours)|to (?:a|the) \w+|under (?:a|the) \w+|into (?:a|the|my) (?:crowd|"
    r"book|garden|room)|when)",
    r"(?:cut|hurt|burn\w*|scratch\w*) (?:myself|my \w+) (?:\w+ ){0,4}?(?:shaving|cooking|"
    r"chopping|at the gym|gardening|playing|running|on the (?:stove|oven|fence|tin|glass|iron|"
    r"kettle|pan))",
    r"(?:accidentally|by accident) \w+ (?:myself|my \w+)|cut myself off|"
    r"burn(?:t|ed)? (?:myself|me) out",
    r"(?:a|got a) (?:small |little |tiny )?(?:cut|scratch|burn|bruise) on my \w+ from",
    r"(?:hurt|pulled|strained) (?:myself|my \w+) (?:at|in|during|playing)",
    r"the end of my rope",
    r"(?:the|my) (?:team|class|kids|office|meeting) (?:\w+ ){0,3}?without me",
    r"(?:started|went|left|began|carried on) (?:\w+ ){0,3}?without me",
    r"(?:wish|want) (?:i was|to be|i were) alive in the \w+",
    r"(?:last time|the first time) i tried (?:sushi|it|that|the|a|to cook|yoga|running|"
    r"guitar|to learn)\w*",
    r"(?:in|to) hospital for (?:my|an|a|the) (?:appendix|operation|surgery|knee|hip|back|"
    r"baby|scan|check)",
    r"(?:sorted|put|moved) (?:\w+ ){0,2}?passwords? into (?:a|my) (?:password )?manager|"
    r"password manager",
    r"(?:plants?|flowers?|phone|battery|laptop|fish|hamster|tomatoes) (?:\w+ ){0,3}?"
    r"(?:die|dead|died|dying)",
    r"gave (?:\w+ ){0,2}?old \w+|better off with (?:a|the) \w+",
    r"forever (?:young|grateful|thankful)|live with (?:my|our) parents forever",
    r"hopeless (?:cook|at|with|romantic|case)|worthless at|useless at",
    r"let go of (?:this|the|my|that|it|him|her|them|a|some|old)",
    r"(?:week|day|month|year|term|exam|exams|meeting|shift|winter|semester|wait) (?:\w+ )?"
    r"(?:to be|is|will be|was|were|are) (?:all )?over",
    r"(?:cut|hurt|scratched|burn\w*) (?:myself|my \w+) on (?:it|a|the|some|an) \w+",
    r"drank too much|(?:had|have) too much to drink|too much (?:wine|beer|coffee|food|cake)",
    r"(?:trapped|stuck) in (?:this|the|my|a) (?:lease|contract|job|flat|traffic|meeting|queue|"
    r"lift|rut|tent)",
    r"(?:could|can) sleep (?:for ?ever|for a week)|sleep forever (?:on|after|in) \w+",
)

# Starts with a plain space (not a look-behind) so the regex engine can skip to spaces quickly.
_GUARD = re.compile(r" (?:" + "|".join(GUARDS) + r")(?= )")


def _phrase(p: str) -> str:
    out = []
    for word in p.split():
        if word == "~":
            out.append(r"(?:\w+ ){0,3}?")
        elif word == ".":
            out.append(r"(?:\. |$)")
        elif word.endswith("*"):
            out.append(re.escape(word[:-1]) + r"\w* ")
        else:
            out.append(re.escape(word) + " ")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Phrase:
    family: str
    weight: float
    prefix: str  # the plain words it starts with, checked before the pattern (much cheaper)
    pattern: re.Pattern[str]  # tried only where its first word starts


def _prefix(p: str) -> str:
    words = []
    for word in p.split():
        if word in ("~", ".") or word.endswith("*"):
            break
        words.append(word)
    return " ".join(words) + " " if words else ""


def _index() -> tuple[dict[str, list[_Phrase]], dict[str, list[_Phrase]]]:
    """Phrases by their first one or two plain words ("a plan" under "a plan"), and by their
    first word's stem when it ends in "*"."""
    by_words: dict[str, list[_Phrase]] = {}
    by_stem: dict[str, list[_Phrase]] = {}
    for family, tiers in LEXICON.items():
        for weight, phrases in tiers:
            for p in phrases:
                first = p.split()[0]
                prefix = _prefix(p)
                phrase = _Phrase(family, weight, prefix, re.compile(_phrase(p)))
                if first.endswith("*"):
                    by_stem.setdefault(first[:-1], []).append(phrase)
                else:
                    key = " ".join(prefix.split()[:2])
                    by_words.setdefault(key, []).append(phrase)
    return by_words, by_stem


# Looking phrases up by their first words keeps 100k characters to tens of milliseconds (one
# alternation per family scanned the whole text many times over).
_BY_WORDS, _BY_STEM = _index()
_STEM_LENGTHS = sorted({len(stem) for stem in _BY_STEM})


@lru_cache(maxsize=16384)
def _candidates(word: str, following: str) -> tuple[_Phrase, ...]:
    """The phrases that could start at this word, given the word after it."""
    found = list(_BY_WORDS.get(word, ()))
    found += _BY_WORDS.get(word + " " + following, ())
    for n in _STEM_LENGTHS:
        if n > len(word):
            break
        found += _BY_STEM.get(word[:n], ())
    return tuple(found)


# Families that count in pairs and in the extra-family bonus, and those that can be enough on
# their own (drinking, secrecy, a scar or "again" never are).
_DISTRESS = tuple(f for f in LEXICON if f not in (NEUTRAL, RETURN, SH_SIGN, SECRECY))
_ALONE = (DEATH, WISH, MEANS, PREPARE, BURDEN, HOPELESS, SH_ACT, ATTEMPT)
# Families where several different phrases together mean more than one (a letter, a will and
# the passwords); wishing and drinking words are too common for that.
_ADDS_UP = (DEATH, MEANS, PREPARE, BURDEN, HOPELESS, ATTEMPT)
_SENTENCE = re.compile(r" \. ")

Found = dict[str, dict[tuple[int, int], float]]  # family -> {(start, end) of a phrase: weight}


def _guarded(norm: str) -> str:
    """Everyday phrases replaced by a filler that no phrase matches ("cut my hair" -> "#")."""
    return _GUARD.sub(" #", norm)


def signals(norm: str) -> list[Found]:
    """For each sentence of normalised text, where each family's phrases were found."""
    text = _guarded(norm)
    starts = [0] + [m.end() - 1 for m in _SENTENCE.finditer(text)]
    found: list[Found] = [{} for _ in starts]
    pos = 0
    words = text.split(" ")
    for i, word in enumerate(words):
        start, pos = pos, pos + len(word) + 1
        for phrase in _candidates(word, words[i + 1] if i + 1 < len(words) else ""):
            if not text.startswith(phrase.prefix, start):
                continue
            m = phrase.pattern.match(text, start)
            if m is None:
                continue
            hits = found[bisect_right(starts, start) - 1].setdefault(phrase.family, {})
            hits[m.span()] = max(hits.get(m.span(), 0.0), phrase.weight)
    return found


def _separate(spans: list[tuple[int, int]]) -> int:
    """How many of these spans do not overlap one another (counted left to right)."""
    count, end = 0, -1
    for start, stop in sorted(spans):
        if start >= end:
            count, end = count + 1, stop
    return count


def strengths(found: Found) -> dict[str, float]:
    """Each family's strength: its strongest phrase, plus a little for each other strong one."""
    out = {}
    for family, hits in found.items():
        strong = _separate([span for span, w in hits.items() if w >= STRONG])
        bonus = DISTINCT_BONUS * max(0, strong - 1) if family in _ADDS_UP else 0.0
        out[family] = min(1.0, max(hits.values()) + bonus)
    return out


def window_score(fams: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    """The score of one window's family strengths, and the families that earned it."""
    best = 0.0
    why: tuple[str, ...] = ()
    for family in _ALONE:
        if fams.get(family, 0.0) > best:
            best, why = fams[family], (family,)
    for (a, b), factor in PAIRS.items():
        if a in fams and b in fams:
            s = (fams[a] + fams[b]) * factor
            if s > best:
                best, why = s, (a, b)
    distress = sum(1 for f in _DISTRESS if f in fams)
    if distress > 2:
        best += EXTRA_FAMILY_BONUS * (distress - 2)
    if NEUTRAL in fams:
        best -= NEUTRAL_PENALTY * fams[NEUTRAL]
    return best, why


def score(norm: str) -> tuple[float, tuple[str, ...]]:
    """The highest window score in normalised text, and the families behind it."""
    per_sentence = signals(norm)
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for i in range(len(per_sentence)):
        window: Found = {}
        for sentence in per_sentence[i : i + WINDOW]:
            for family, hits in sentence.items():
                window.setdefault(family, {}).update(hits)
        if not window:
            continue
        fams = strengths(window)
        top = sorted((w for f, w in fams.items() if f != NEUTRAL), reverse=True)
        if sum(top[:2]) + EXTRA_FAMILY_BONUS * max(0, len(top) - 2) < max(THRESHOLD, best[0]):
            continue  # cannot win: pairs never add more than both strengths
        result = window_score(fams)
        if result[0] > best[0]:
            best = result
    return best
