import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { BellIcon } from '../../../components/icons.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUnreadCount } from '../hooks/use-notifications.js';

/** The header's bell: the caller's unread notifications, kept live by polling, and the way to read them. */
export function UnreadBadge() {
  const { t, n } = useI18n();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('nav.unread', { count }) : t('nav.unreadNone');
  return (
    <Tooltip label={label}>
      <Indicator
        label={count > 99 ? `${n(99)}+` : n(count)}
        disabled={count === 0}
        size={18}
        offset={4}
        color="red.8"
        withBorder
        data-testid="unread-count"
        data-count={count}
      >
        <ActionIcon component={Link} to="/notifications" variant="subtle" color="gray.0" size="lg" aria-label={label} data-testid="header-notifications">
          <BellIcon size={20} />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
