import { Group, Pagination, Text } from '@mantine/core';
import { useI18n } from '../lib/i18n.js';

/** Page numbers in the current digits, and "21–40 of 58"; every button named for a screen reader (the arrows too). */
export function ListPagination({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t, n } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" data-testid="list-range">
        {t('common.rangeOfTotal', { from, to, total })}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          size="sm"
          getItemProps={(item) => ({ children: n(item), 'aria-label': t('common.page.number', { page: item }), ...(item === Math.min(page, pages) ? { 'aria-current': 'page' as const } : {}) })}
          getControlProps={(control) => ({ 'aria-label': t(`common.page.${control}`) })}
        />
      ) : null}
    </Group>
  );
}
