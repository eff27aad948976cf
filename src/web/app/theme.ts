import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep green-teal for the office's own colour, gold as the accent of the mark.
const brand: MantineColorsTuple = [
  '#e7f5f1',
  '#d2e9e2',
  '#a5d1c4',
  '#74b8a4',
  '#4ca38a',
  '#33967a',
  '#248f71',
  '#147b60',
  '#086d55',
  '#005e48',
];

const gold: MantineColorsTuple = [
  '#fff8e2',
  '#fdefcd',
  '#f9dd9e',
  '#f5ca6a',
  '#f2ba40',
  '#f0b025',
  '#efab14',
  '#d49506',
  '#bd8400',
  '#a37100',
];

const fontFamily = 'Vazirmatn, Tahoma, "Segoe UI", system-ui, sans-serif';

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 8,
  colors: { brand, gold },
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Button: { defaultProps: { fw: 500 } },
    // Upper-casing means nothing in Persian and shouts in English.
    Badge: { defaultProps: { tt: 'none' } },
    // Picking the option already chosen must not empty the field (a demand saved with no agency, a referral's
    // facility type lost): a choice is cleared only by the clear button, where a field offers one.
    Select: { defaultProps: { allowDeselect: false } },
    // A table wider than the screen scrolls sideways: the keyboard must reach it too (its viewport takes the focus).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});
