/**
 * Column widths for a table on a page: the wanted shares, but never narrower than the longest word
 * of the column (with the cell's padding), so no word is broken in the middle. What the narrow
 * columns need is taken from the columns that have room to spare, in proportion to that room.
 */

/** Longest word of a text: the longest run between spaces (a cell breaks only at spaces). */
export function longestWord(text: string): string {
	return text.split(/\s+/).reduce((longest, word) => (word.length > longest.length ? word : longest), '');
}

/**
 * Each column's least width: its longest word and the cell's padding. The header is bold, and so
 * are the rows `boldRow` names (totals); the others are measured as the regular text they are.
 */
export function columnMinimums(
	header: readonly string[],
	rows: readonly (readonly string[])[],
	measure: (text: string, bold: boolean) => number,
	padding: number,
	boldRow: (row: readonly string[], index: number) => boolean = () => false
): number[] {
	return header.map((title, column) => {
		let widest = measure(longestWord(title), true);
		rows.forEach((row, index) => {
			const cell = row[column] ?? '';
			const bold = boldRow(row, index);
			// Measuring every word is slow on 1,000 rows; the longest few by characters are enough.
			const words = cell.split(/\s+/).sort((a, b) => b.length - a.length).slice(0, 3);
			for (const word of words) widest = Math.max(widest, measure(word, bold));
		});
		return Math.ceil(widest + padding);
	});
}

export function fitColumns(
	header: readonly string[],
	rows: readonly (readonly string[])[],
	shares: readonly number[],
	totalWidth: number,
	measure: (text: string, bold: boolean) => number,
	padding: number,
	boldRow?: (row: readonly string[], index: number) => boolean
): number[] {
	const sum = shares.reduce((a, b) => a + b, 0);
	const wanted = shares.map((share) => (share / sum) * totalWidth);
	const minimum = columnMinimums(header, rows, measure, padding, boldRow);
	let widths = wanted.map((w, i) => Math.max(w, minimum[i]));
	const excess = widths.reduce((a, b) => a + b, 0) - totalWidth;
	if (excess > 0) {
		const room = widths.map((w, i) => Math.max(0, w - minimum[i]));
		const totalRoom = room.reduce((a, b) => a + b, 0);
		if (totalRoom > 0) {
			const take = Math.min(1, excess / totalRoom);
			widths = widths.map((w, i) => w - room[i] * take);
		}
	}
	return widths.map((w) => Math.floor(w));
}
