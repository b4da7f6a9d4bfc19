// Counts a tweet the way the Tweets API does (TweetRules): line breaks as one, trimmed, NFC, then user-perceived
// characters (grapheme clusters), so an emoji or a flag counts as one. The API stays the judge; this is a preview.

export const maxLength = 280;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const visible = /[^\s\p{Cf}]/u;

export function measure(text) {
    const prepared = text.replaceAll('\r\n', '\n').trim().normalize('NFC');
    let length = 0;
    for (const _ of graphemes.segment(prepared)) {
        length++;
    }
    const empty = length === 0 || !visible.test(prepared);
    return { length, valid: !empty && length <= maxLength, over: Math.max(0, length - maxLength), empty };
}
