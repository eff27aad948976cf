import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormHint } from '../../../components/form-hint.js';
import { useId, useState } from 'react';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { isRateable } from '../../../../shared/contracts/demands.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { can } from '../../../lib/authorization.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { DemandDetail } from '../api/demands-api.js';
import { useRateDemand } from '../hooks/use-demands.js';
import classes from './demand-feedback.module.css';

const SCORES = [1, 2, 3, 4, 5] as const;
const scoreWord = (score: number) => `demands.feedback.score${score}` as MessageKey;

/** Five stars, `score` of them filled, read as «۴ از ۵». */
function Stars({ score }: { score: number }) {
  const { t } = useI18n();
  return (
    <span className={classes.stars} role="img" aria-label={t('demands.feedback.outOf', { score })}>
      {SCORES.map((s) => (
        <span key={s} className={s <= score ? classes.on : classes.off} aria-hidden>
          ★
        </span>
      ))}
    </span>
  );
}

/**
 * A 1–5 rating as a group of radio buttons drawn as stars: arrow keys move along it, each star is named
 * («۴ از ۵ — راضی»), and the chosen one stays marked without colour alone (its word is printed beside).
 */
function StarRadios({ value, onChange, legend }: { value: number | null; onChange: (score: number) => void; legend: string }) {
  const { t } = useI18n();
  const name = useId();
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? value ?? 0;
  return (
    <fieldset className={classes.fieldset} data-testid="feedback-score">
      <legend className={classes.legend}>{legend}</legend>
      <Group gap="sm" align="center">
        <span className={classes.stars} onMouseLeave={() => setHover(null)}>
          {SCORES.map((s) => (
            <label key={s} className={classes.star} onMouseEnter={() => setHover(s)} data-testid={`feedback-star-${s}`}>
              <input className={classes.radio} type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
              <span className={s <= shown ? classes.on : classes.off} aria-hidden>
                ★
              </span>
              <span className={classes.hidden}>{`${t('demands.feedback.outOf', { score: s })} — ${t(scoreWord(s))}`}</span>
            </label>
          ))}
        </span>
        <Text size="sm" c={shown ? undefined : 'dimmed'} aria-hidden>
          {shown ? t(scoreWord(shown)) : t('demands.feedback.pick')}
        </Text>
      </Group>
    </fieldset>
  );
}

/**
 * The producer's voice on a closed demand: the unit's producer rates it once, 1–5 with an optional comment; then
 * everyone who sees the demand reads the rating. Offered only where the server would take it.
 */
export function FeedbackCard({ demand, role }: { demand: DemandDetail; role: Role }) {
  const { t, language } = useI18n();
  const rate = useRateDemand(demand.id);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const feedback = demand.feedback;
  if (feedback) {
    return (
      <Paper withBorder radius="md" p="md" data-testid="demand-feedback">
        <Title order={3} fz="md" mb="xs">
          {t('demands.feedback.given')}
        </Title>
        <Group gap="sm">
          <Stars score={feedback.score} />
          <Text size="sm" fw={600} data-testid="feedback-value">
            {t('demands.feedback.outOf', { score: feedback.score })} — {t(scoreWord(feedback.score))}
          </Text>
        </Group>
        {feedback.comment ? (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="feedback-comment">
            {feedback.comment}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" mt="xs" className="tabular">
          {feedback.authorName} — {formatJalaliDateTime(new Date(feedback.createdAt), language === 'fa' ? 'fa' : 'latn')}
        </Text>
      </Paper>
    );
  }
  if (!can(role, 'POST /api/v1/demands/:id/feedback') || !isRateable(demand.status)) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="demand-feedback-form">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md">
            {t('demands.feedback.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('demands.feedback.hint')}
          </Text>
        </div>
        <StarRadios value={score} onChange={setScore} legend={t('demands.feedback.legend')} />
        <Textarea
          label={t('demands.feedback.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          error={isApiError(rate.error) ? rate.error.fieldError('comment') : undefined}
          data-testid="feedback-comment-input"
        />
        {rate.error ? (
          <Alert color="red" variant="light" role="alert">
            {isApiError(rate.error) ? (rate.error.fieldError('score') ?? rate.error.title) : String(rate.error)}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={() => score && rate.mutate({ score, ...(comment.trim() ? { comment } : {}) })} loading={rate.isPending} disabled={!score} data-testid="feedback-submit">
            {t('demands.feedback.submit')}
          </Button>
          {!score ? <FormHint missing={[t('demands.feedback.scoreName')]} /> : null}
        </Group>
      </Stack>
    </Paper>
  );
}
