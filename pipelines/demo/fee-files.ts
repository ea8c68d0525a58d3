/** Writes fees as staff export them: bills and payments files, plus one year as a combined ledger. */
import { join } from 'node:path';
import { formatIsoDate, formatIsoDateTime, formatSlashDate, getYear } from './dates.ts';
import { LEDGER_YEAR, type BillRecord, type FeeData, type PaymentRecord } from './fees.demo.ts';
import { writeCsvFile, type CsvCell, type DemoFile } from './write-files.ts';

export const BILL_HEADERS = ['账单编号', '房号', '片区', '楼栋', '收费项目', '账期', '应收金额', '应缴日期'];
export const LEDGER_HEADERS = [...BILL_HEADERS, '实收金额', '收款日期'];
export const PAYMENT_HEADERS = ['收款单号', '账单编号', '房号', '实收金额', '收款日期', '支付方式'];

function formatCents(cents: number): string {
	return (cents / 100).toFixed(2);
}

const GROUPED = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The ledger export uses thousands separators, which forces quoting in the CSV. */
function formatGroupedCents(cents: number): string {
	return GROUPED.format(cents / 100);
}

function convertToBillCells(
	bill: BillRecord,
	formatDue: (ms: number) => string,
	formatMoney: (c: number) => string
): CsvCell[] {
	return [
		bill.id,
		bill.unit,
		bill.area,
		bill.building,
		bill.feeType,
		bill.period,
		formatMoney(bill.amountCents),
		formatDue(bill.dueAt)
	];
}

function convertToLedgerRows(bills: BillRecord[], payments: PaymentRecord[]): CsvCell[][] {
	// One row per bill: several payments on one bill (a partial payment and the rest) add up, dated by the last.
	const paid = new Map<string, { cents: number; at: number }>();
	for (const payment of payments) {
		const entry = paid.get(payment.billId) ?? { cents: 0, at: 0 };
		entry.cents += payment.amountCents;
		entry.at = Math.max(entry.at, payment.paidAt);
		paid.set(payment.billId, entry);
	}
	return bills.map((bill) => {
		const entry = paid.get(bill.id);
		return [
			...convertToBillCells(bill, formatSlashDate, formatGroupedCents),
			entry ? formatGroupedCents(entry.cents) : null,
			entry ? formatSlashDate(entry.at) : null
		];
	});
}

/** Fees files first (bills and the ledger), then payments, so every payment finds its bill when loaded. */
export async function writeFeeFiles(fees: FeeData, outDir: string): Promise<DemoFile[]> {
	const ledgerBillIds = new Set(fees.bills.filter((b) => b.periodYear === LEDGER_YEAR).map((b) => b.id));
	const billYears = [...new Set(fees.bills.map((b) => b.periodYear))].sort();
	const files: DemoFile[] = [];
	for (const year of billYears) {
		const bills = fees.bills.filter((b) => b.periodYear === year);
		if (year === LEDGER_YEAR) {
			const rows = convertToLedgerRows(
				bills,
				fees.payments.filter((p) => ledgerBillIds.has(p.billId))
			);
			const path = join(outDir, `fees-ledger-${year}.csv`);
			files.push({ path, kind: 'fees', rows: await writeCsvFile(path, LEDGER_HEADERS, rows, 'utf-8-bom') });
		} else {
			const rows = bills.map((b) => convertToBillCells(b, formatIsoDate, formatCents));
			const path = join(outDir, `fees-bills-${year}.csv`);
			files.push({ path, kind: 'fees', rows: await writeCsvFile(path, BILL_HEADERS, rows, 'utf-8-bom') });
		}
	}
	const separate = fees.payments.filter((p) => !ledgerBillIds.has(p.billId));
	const paymentYears = [...new Set(separate.map((p) => getYear(p.paidAt)))].sort();
	for (const year of paymentYears) {
		const rows = separate
			.filter((p) => getYear(p.paidAt) === year)
			.map((p) => [
				p.id,
				p.unlinked ? null : p.billId,
				p.unit,
				formatCents(p.amountCents),
				formatIsoDateTime(p.paidAt),
				p.method
			]);
		const path = join(outDir, `payments-${year}.csv`);
		files.push({
			path,
			kind: 'payments',
			rows: await writeCsvFile(path, PAYMENT_HEADERS, rows, 'utf-8-bom')
		});
	}
	return files;
}
