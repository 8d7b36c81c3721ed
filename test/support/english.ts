/**
 * A small detector of English in a translated line: ASCII words from a list of English
 * function words and the engine's usual verbs and state words. Loanwords that Vietnamese
 * technical writing uses as they are (container, engine, host, namespace, helper, backend,
 * image, terminal, shell, token, driver) are not in it, nor English words that are also
 * Vietnamese ones (a, an, in, to, no, do, can: "in ra" is "print"); names and commands the caller
 * has removed (code spans, the technical detail) are not checked.
 */
export const ENGLISH_WORDS = new Set(
  (
    'the is are was were be been not of on at for with and or but by from this that these those it its ' +
    'running exited stopped paused created dead restarting removing start stop restart remove cannot could ' +
    'failed error denied permission found such does did has have had will would should ' +
    'open close try again check use give answer answered within reconnecting reconnect unknown read file files ' +
    'process directory exist exists installed password wrong cancelled timed out authentication refused ' +
    'connection lost page listening unreachable changed while opening belongs longer reused larger than ' +
    'regular inside outside what when where which who why how please see say says more less'
  ).split(' '),
);

/** The English words in a text (lower-cased), in order. */
export function englishWords(text: string): string[] {
  // Whole words by Unicode letters: "của" is one Vietnamese word, not "c" and "a".
  return (text.match(/\p{L}+/gu) ?? [])
    .filter((w) => /^[A-Za-z]+$/.test(w))
    .map((w) => w.toLowerCase())
    .filter((w) => ENGLISH_WORDS.has(w));
}
