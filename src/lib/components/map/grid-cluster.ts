/**
 * Grid clustering in screen pixels. Points are first put into square cells; then, biggest cell first,
 * a cell absorbs its eight neighbours when their centres lie within one cell size, so two points close
 * together on either side of a cell border still end up in one cluster and cluster markers do not
 * overlap. Linear in the number of points. Pure: no Leaflet, no DOM.
 */
export interface PixelItem<T> {
	x: number;
	y: number;
	item: T;
}

export interface PixelCluster<T> {
	/** Mean position of the members. */
	x: number;
	y: number;
	items: T[];
}

export interface GridClusterResult<T> {
	singles: PixelItem<T>[];
	clusters: PixelCluster<T>[];
}

interface Cell<T> {
	column: number;
	row: number;
	members: PixelItem<T>[];
	sumX: number;
	sumY: number;
	taken: boolean;
}

const cellKey = (column: number, row: number) => `${column}:${row}`;

export function gridCluster<T>(points: readonly PixelItem<T>[], cellSize: number, minClusterSize = 2): GridClusterResult<T> {
	if (!(cellSize > 0)) throw new RangeError('cellSize must be positive');
	const cells = new Map<string, Cell<T>>();
	for (const point of points) {
		const column = Math.floor(point.x / cellSize);
		const row = Math.floor(point.y / cellSize);
		const key = cellKey(column, row);
		let cell = cells.get(key);
		if (!cell) {
			cell = { column, row, members: [], sumX: 0, sumY: 0, taken: false };
			cells.set(key, cell);
		}
		cell.members.push(point);
		cell.sumX += point.x;
		cell.sumY += point.y;
	}

	const singles: PixelItem<T>[] = [];
	const clusters: PixelCluster<T>[] = [];
	// Biggest first, ties by position, so the result does not depend on the input order.
	const ordered = [...cells.values()].sort((a, b) => b.members.length - a.members.length || a.row - b.row || a.column - b.column);
	for (const cell of ordered) {
		if (cell.taken) continue;
		cell.taken = true;
		const members = [...cell.members];
		let sumX = cell.sumX;
		let sumY = cell.sumY;
		const cx = sumX / members.length;
		const cy = sumY / members.length;
		for (let dr = -1; dr <= 1; dr++) {
			for (let dc = -1; dc <= 1; dc++) {
				const neighbour = cells.get(cellKey(cell.column + dc, cell.row + dr));
				if (!neighbour || neighbour.taken) continue;
				const nx = neighbour.sumX / neighbour.members.length;
				const ny = neighbour.sumY / neighbour.members.length;
				if (Math.hypot(nx - cx, ny - cy) >= cellSize) continue;
				neighbour.taken = true;
				members.push(...neighbour.members);
				sumX += neighbour.sumX;
				sumY += neighbour.sumY;
			}
		}
		if (members.length < minClusterSize) singles.push(...members);
		else clusters.push({ x: sumX / members.length, y: sumY / members.length, items: members.map((m) => m.item) });
	}
	return { singles, clusters };
}
